"""The questions the review in the editor asks: a query's text, its answer or note, an unlock's
reason, and whether to verify a whole form. None of them writes anything.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cmlentry.gui.dialogs.query_dialog import ask_query_text
from cmlentry.gui.dialogs.reason_dialog import ask_reason
from cmlentry.gui.editor.query_table_model import QueryRow, QueryTableModel
from cmlentry.gui.editor.review_marks import local_moment
from cmlentry.gui.messages import confirm
from cmlentry.services.review import SignatureInfo

_CONTEXT = "CaseReview"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _quoted(row: QueryRow) -> str:
    return QueryTableModel().detail(row)


def ask_raise(parent: QWidget, where: str, value: str) -> str | None:
    """The question about an answer, or None when cancelled."""
    intro = (
        _tr(
            "Raise a query on %1 (now: %2). The site answers it; you close it once the answer "
            "settles it."
        )
        .replace("%1", where)
        .replace("%2", value or _tr("no answer"))
    )
    return ask_query_text(
        parent,
        _tr("Raise a query"),
        intro,
        label=_tr("&Question:"),
        accept_label=_tr("Raise the query"),
    )


def ask_answer(parent: QWidget, row: QueryRow) -> str | None:
    """The answer to an open query, or None when cancelled."""
    intro = _tr(
        "Answer this query. If the value itself must change, correct it in the form too; the "
        "answer says what was checked."
    )
    return ask_query_text(
        parent,
        _tr("Answer a query"),
        intro,
        label=_tr("&Answer:"),
        accept_label=_tr("Send the answer"),
        quoted=_quoted(row),
    )


def ask_close(parent: QWidget, row: QueryRow) -> str | None:
    """A closing note ("" for none), or None when cancelled."""
    return ask_query_text(
        parent,
        _tr("Close a query"),
        _tr("Close this query: it is settled. A note is optional."),
        label=_tr("&Note:"),
        accept_label=_tr("Close the query"),
        required=False,
        quoted=_quoted(row),
    )


def ask_cancel(parent: QWidget, row: QueryRow) -> str | None:
    """Why the query is withdrawn, or None when cancelled."""
    return ask_query_text(
        parent,
        _tr("Cancel a query"),
        _tr("Cancel this query (it was raised by mistake or no longer applies). Say why."),
        label=_tr("&Why:"),
        accept_label=_tr("Cancel the query"),
        quoted=_quoted(row),
    )


def ask_unlock(parent: QWidget, signature: SignatureInfo) -> str | None:
    """Why a signed case is unlocked, or None when cancelled."""
    text = (
        _tr(
            "Case %1 was signed by %2 on %3. Unlocking it drops this signature: the case must be "
            "signed again before it is sent. Give the reason; the audit trail keeps it."
        )
        .replace("%1", signature.registry_id)
        .replace("%2", signature.printed_name)
        .replace("%3", local_moment(signature.signed_at))
    )
    return ask_reason(
        parent,
        _tr("Unlock a signed case"),
        text,
        suggestions=[
            _tr("a query needs a correction"),
            _tr("source document updated after signing"),
            _tr("transcription error found after signing"),
        ],
        accept_label=_tr("Unlock the case"),
    )


def confirm_verify_all(parent: QWidget, form_label: str, count: int) -> bool:
    text = (
        _tr(
            "Mark the %1 saved answer(s) of %2 not yet marked as verified against source? Do it "
            "only once you have compared each of them with the source documents."
        )
        .replace("%1", str(count))
        .replace("%2", form_label)
    )
    return confirm(
        parent,
        _tr("Verify all answers on this form"),
        text,
        _tr("Mark them verified"),
        _tr("Not now"),
    )
