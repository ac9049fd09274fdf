"""Sentences about signatures and review times, in the installed language.

Functions rather than a QObject's ``tr``: the sign dialog, the review window, the signatures
dialog and the window's own boxes all say the same things the same way. Each text is a literal
``QCoreApplication.translate("review", …)`` call so that lupdate collects it (role names in the
context ``roles``, signature meanings in ``meanings``).

The meaning of a signature is stored as the canonical English statement
(:data:`~cmlentry.services.review.MEANING_APPROVAL`): that is what was signed and what the batch
carries. The screen shows it in the interface's language (:func:`meaning_words`, context
``meanings``, keyed by the English statement) and, when that differs, says that the English one
is what is recorded (:func:`meaning_recorded_note`).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication

from cmlentry.gui.case_row import local_time
from cmlentry.gui.role_words import role_label
from cmlentry.services.review import MEANING_APPROVAL


class SignatureRow(Protocol):
    """What is shown of a signature (``SignatureInfo`` of the review service has it all)."""

    @property
    def registry_id(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def printed_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def meaning(self) -> str: ...
    @property
    def signed_at(self) -> str: ...
    @property
    def content_sha256(self) -> str: ...
    @property
    def revoked_at(self) -> str | None: ...
    @property
    def revoked_by(self) -> str | None: ...
    @property
    def revoke_reason(self) -> str | None: ...


def local_minute(at_utc: str | None) -> str:
    """Stored UTC text as local time to the minute ("" for None; as stored if unreadable)."""
    if not at_utc:
        return ""
    moment = local_time(at_utc)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else at_utc


def utc_and_local(at_utc: str) -> str:
    """A stored UTC time as "2026-11-21 14:03:07 UTC (2026-11-21 15:03:07 local time)"."""
    moment = local_time(at_utc)
    utc = at_utc[:19].replace("T", " ")
    if moment is None:
        return at_utc
    return (
        QCoreApplication.translate("review", "%1 UTC (%2 local time)")
        .replace("%1", utc)
        .replace("%2", moment.strftime("%Y-%m-%d %H:%M:%S"))
    )


def meaning_words(meaning: str) -> str:
    """A signature's meaning in the interface's language; an unknown one as it is stored.

    Each statement the service offers is a literal call keyed by its English text, so that
    lupdate collects it; tests check that the keys are exactly ``MEANINGS``.
    """
    words = {
        MEANING_APPROVAL: QCoreApplication.translate(
            "meanings", "I confirm these data are accurate and complete"
        ),
    }
    return words.get(meaning, meaning)


def meaning_recorded_note(meaning: str) -> str:
    """Says which English statement is recorded, when the screen shows it translated; else ""."""
    if meaning_words(meaning) == meaning:
        return ""
    return QCoreApplication.translate(
        "review", "The signature records the statement in English: “%1”"
    ).replace("%1", meaning)


def quoted(text: str) -> str:
    """``text`` in the language's quotation marks (“…” in English, « … » in French)."""
    return QCoreApplication.translate("review", "“%1”").replace("%1", text)


def signature_line(signature: SignatureRow, *, with_reason: bool = False) -> str:
    """One sentence: who signed, when (local time), and whether the signature still stands.

    Args:
        signature: The signature.
        with_reason: For a dropped signature, end with the reason it was dropped.
    """
    signer, signed = signature.printed_name, local_minute(signature.signed_at)
    if signature.revoked_at is None:
        return (
            QCoreApplication.translate("review", "Signed by %1 on %2")
            .replace("%1", signer)
            .replace("%2", signed)
        )
    if with_reason and signature.revoke_reason:
        text = QCoreApplication.translate("review", "Signed by %1 on %2; dropped on %3 by %4: “%5”")
    else:
        text = QCoreApplication.translate("review", "Signed by %1 on %2; dropped on %3 by %4")
    return (
        text.replace("%1", signer)
        .replace("%2", signed)
        .replace("%3", local_minute(signature.revoked_at))
        .replace("%4", signature.revoked_by or "?")
        .replace("%5", signature.revoke_reason or "")
    )


def signature_details(signature: SignatureRow) -> str:
    """Every stored part of a signature, a line each, for the box shown after signing."""
    lines = [
        QCoreApplication.translate("review", "Case: %1").replace("%1", signature.registry_id),
        QCoreApplication.translate("review", "Signed by: %1 (%2, user %3)")
        .replace("%1", signature.printed_name)
        .replace("%2", role_label(signature.role))
        .replace("%3", signature.username),
        QCoreApplication.translate("review", "When: %1").replace(
            "%1", utc_and_local(signature.signed_at)
        ),
        QCoreApplication.translate("review", "Meaning: “%1”").replace(
            "%1", meaning_words(signature.meaning)
        ),
    ]
    note = meaning_recorded_note(signature.meaning)
    if note:
        lines.append(note)
    lines.append(
        QCoreApplication.translate(
            "review", "Fingerprint of the signed data (SHA-256): %1"
        ).replace("%1", signature.content_sha256)
    )
    if signature.revoked_at is not None:
        lines.append(
            QCoreApplication.translate("review", "Dropped: %1 by %2, because “%3”")
            .replace("%1", utc_and_local(signature.revoked_at))
            .replace("%2", signature.revoked_by or "?")
            .replace("%3", signature.revoke_reason or "")
        )
    return "\n".join(lines)
