"""The words of queries, for the editor's queries panel and marks and the review's tables alike.

A query state is a word of its own in a table's State column ("open"); counted, it is a plural
("2 open", through ``%n``); who closed or cancelled a query is a whole sentence per state
("Closed by … on …"), never a state word put into another sentence, where its grammar would
have to agree. The texts are ``self.tr`` calls of :class:`QueryWords`, so that lupdate gives
them one context (``QueryWords``) and the counts their plural forms; the module functions make
one when asked.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN

STATES = (OPEN, ANSWERED, CLOSED, CANCELLED)
"""The states, in the order they are listed."""


class QueryWords(QObject):
    """The words of query states (a QObject: ``self.tr`` gives lupdate a context and plurals)."""

    def state(self, state: str) -> str:
        words = {
            OPEN: self.tr("open", "state of a query"),
            ANSWERED: self.tr("answered", "state of a query"),
            CLOSED: self.tr("closed", "state of a query"),
            CANCELLED: self.tr("cancelled", "state of a query"),
        }
        return words.get(state, state)

    def count(self, state: str, count: int) -> str:
        if state == OPEN:
            return self.tr("%n open", "queries", count)
        if state == ANSWERED:
            return self.tr("%n answered", "queries", count)
        if state == CLOSED:
            return self.tr("%n closed", "queries", count)
        if state == CANCELLED:
            return self.tr("%n cancelled", "queries", count)
        return f"{count} {state}"

    def closing(self, state: str, who: str, when: str, note: str | None) -> str:
        if state == CANCELLED:
            text = (
                self.tr("Cancelled by %1 on %2: %3") if note else self.tr("Cancelled by %1 on %2")
            )
        else:
            text = self.tr("Closed by %1 on %2: %3") if note else self.tr("Closed by %1 on %2")
        return text.replace("%1", who).replace("%2", when).replace("%3", note or "")

    def counts(self, states: list[str]) -> str:
        found = {state: states.count(state) for state in STATES if state in states}
        if not found:
            return ""
        listed = ", ".join(self.count(state, n) for state, n in found.items())
        return self.tr("Queries: %1.").replace("%1", listed)


def state_word(state: str) -> str:
    """A query state in the words of the screen ("open"), for a table's State column."""
    return QueryWords().state(state)


def state_count(state: str, count: int) -> str:
    """``count`` queries in a state: "2 open", "1 answered"."""
    return QueryWords().count(state, count)


def closing_text(state: str, who: str, when: str, note: str | None = None) -> str:
    """Who closed or cancelled a query, when, and the note: "Closed by … on …: …"."""
    return QueryWords().closing(state, who, when, note)


def describe_states(states: list[str]) -> str:
    """Queries counted by state ("Queries: 2 open, 1 answered."); "" when there are none."""
    return QueryWords().counts(states)
