"""The findings of a field or a table, shown beside it as sentences with an icon.

A hard error reads in red with the error icon; a soft warning in amber with the warning icon and
an "Override…" link; an overridden warning in grey as "Overridden: <reason>". The icons have
shapes of their own (a cross, a triangle), so the kind never depends on colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cmlentry.domain.validation import Issue
from cmlentry.gui.icons import icon_path

_HARD = "#b00020"
_SOFT = "#8a5a00"
_DONE = "#6b6b6b"
_ICON_SIZE = 14


class IssueView(QLabel):
    """Sentences for a list of findings; emits :attr:`override_requested` from the link."""

    override_requested = Signal(object)
    """The person clicked "Override…" beside a soft warning; carries the :class:`Issue`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issue_view")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self._set_links_reachable(False)
        self.setOpenExternalLinks(False)
        self._shown: tuple[tuple[str, Issue], ...] = ()
        self.setVisible(False)
        self.linkActivated.connect(self._on_self_link_activated)

    @property
    def issues(self) -> list[Issue]:
        return [issue for _prefix, issue in self._shown]

    def plain_text(self) -> str:
        """What the view says, without markup (for accessible descriptions and tests)."""
        return "\n".join(self._sentence(prefix, issue) for prefix, issue in self._shown)

    def set_issues(self, issues: Sequence[Issue], prefixes: Sequence[str] | None = None) -> None:
        shown = tuple(zip(prefixes or [""] * len(issues), issues, strict=True))
        if shown == self._shown:
            return
        self._shown = shown
        self.setText("<br>".join(self._line(n, p, i) for n, (p, i) in enumerate(shown)))
        self.setVisible(bool(shown))
        self.setAccessibleName(self.plain_text())
        self._set_links_reachable(any(self._has_link(i) for _p, i in shown))

    def _set_links_reachable(self, reachable: bool) -> None:
        # Tab reaches an "Override…" link, and Enter follows it, without a mouse; a view with
        # no link is no stop on the way down the form.
        flags = Qt.TextInteractionFlag.LinksAccessibleByMouse
        if reachable:
            flags |= Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        self.setTextInteractionFlags(flags)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if reachable else Qt.FocusPolicy.NoFocus)

    @staticmethod
    def _has_link(issue: Issue) -> bool:
        return issue.severity == "soft" and issue.overridden_by is None

    def _sentence(self, prefix: str, issue: Issue) -> str:
        if issue.severity == "soft" and issue.overridden_by is not None:
            return prefix + self.tr("Overridden: %1").replace("%1", issue.overridden_by)
        return prefix + issue.message

    def _line(self, number: int, prefix: str, issue: Issue) -> str:
        name = "error" if issue.severity == "hard" else "warning"
        colour = _HARD if issue.severity == "hard" else _SOFT
        if issue.severity == "soft" and issue.overridden_by is not None:
            name, colour = "override", _DONE
        image = (
            f'<img src="{html.escape(str(icon_path(name)))}" '
            f'width="{_ICON_SIZE}" height="{_ICON_SIZE}"> '
        )
        text = html.escape(self._sentence(prefix, issue))
        link = ""
        if self._has_link(issue):
            link = f' <a href="override:{number}">{html.escape(self.tr("Override…"))}</a>'
        return f'{image}<span style="color:{colour}">{text}</span>{link}'

    def request_override(self, number: int = 0) -> None:
        """What the n-th "Override…" link does."""
        if 0 <= number < len(self._shown):
            self.override_requested.emit(self._shown[number][1])

    def _on_self_link_activated(self, link: str) -> None:
        if link.startswith("override:"):
            self.request_override(int(link.split(":", 1)[1]))
