"""The questions the review in the editor asks: a query's text, its answer or note, an unlock's
reason, and whether to verify a whole form. None of them writes anything.

A QObject, so that every text is a ``self.tr`` call with one literal context for lupdate
(``ReviewPrompts``), plural forms included; a helper taking the text as a variable would hide
it from lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from cmlentry.gui.dialogs.query_dialog import ask_query_text
from cmlentry.gui.dialogs.reason_dialog import ask_reason
from cmlentry.gui.editor.query_table_model import QueryRow, QueryTableModel
from cmlentry.gui.editor.review_marks import local_moment
from cmlentry.gui.messages import confirm
from cmlentry.services.review import SignatureInfo


def _quoted(row: QueryRow) -> str:
    return QueryTableModel().detail(row)


class ReviewPrompts(QObject):
    """Asks the review's questions over the window ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent

    def ask_raise(self, where: str, value: str) -> str | None:
        """The question about an answer, or None when cancelled."""
        if value:
            intro = self.tr(
                "Raise a query on %1 (now: %2). The site answers it; you close it once the "
                "answer settles it."
            )
        else:
            intro = self.tr(
                "Raise a query on %1 (no answer yet). The site answers it; you close it once the "
                "answer settles it."
            )
        return ask_query_text(
            self._widget,
            self.tr("Raise a query"),
            intro.replace("%1", where).replace("%2", value),
            label=self.tr("&Question:"),
            accept_label=self.tr("Raise the query"),
        )

    def ask_answer(self, row: QueryRow) -> str | None:
        """The answer to an open query, or None when cancelled."""
        intro = self.tr(
            "Answer this query. If the value itself must change, correct it in the form too; "
            "the answer says what was checked."
        )
        return ask_query_text(
            self._widget,
            self.tr("Answer a query"),
            intro,
            label=self.tr("&Answer:"),
            accept_label=self.tr("Send the answer"),
            quoted=_quoted(row),
        )

    def ask_close(self, row: QueryRow) -> str | None:
        """A closing note ("" for none), or None when cancelled."""
        return ask_query_text(
            self._widget,
            self.tr("Close a query"),
            self.tr("Close this query: it is settled. A note is optional."),
            label=self.tr("&Note:"),
            accept_label=self.tr("Close the query"),
            required=False,
            quoted=_quoted(row),
        )

    def ask_cancel(self, row: QueryRow) -> str | None:
        """Why the query is withdrawn, or None when cancelled."""
        return ask_query_text(
            self._widget,
            self.tr("Cancel a query"),
            self.tr("Cancel this query (it was raised by mistake or no longer applies). Say why."),
            label=self.tr("&Why:"),
            accept_label=self.tr("Cancel the query"),
            quoted=_quoted(row),
        )

    def ask_unlock(self, signature: SignatureInfo) -> str | None:
        """Why a signed case is unlocked, or None when cancelled."""
        text = (
            self.tr(
                "Case %1 was signed by %2 on %3. Unlocking it drops this signature: the case "
                "must be signed again before it is sent. Give the reason; the audit trail keeps "
                "it."
            )
            .replace("%1", signature.registry_id)
            .replace("%2", signature.printed_name)
            .replace("%3", local_moment(signature.signed_at))
        )
        return ask_reason(
            self._widget,
            self.tr("Unlock a signed case"),
            text,
            suggestions=[
                self.tr("a query needs a correction"),
                self.tr("source document updated after signing"),
                self.tr("transcription error found after signing"),
            ],
            accept_label=self.tr("Unlock the case"),
        )

    def confirm_verify_all(self, form_label: str, count: int) -> bool:
        """Whether to mark the ``count`` unverified saved answers of a form verified."""
        text = self.tr(
            "Mark the %n saved answer(s) of %1 not yet marked as verified against source? Do "
            "it only once you have compared each of them with the source documents.",
            "",
            count,
        ).replace("%1", form_label)
        return confirm(
            self._widget,
            self.tr("Verify all answers on this form"),
            text,
            self.tr("Mark them verified"),
            self.tr("Not now"),
        )
