"""Unlocking a signed case: the PI gives a reason, and the signature is dropped.

The reason dialog explains what unlocking does before anything happens: the signature stops
standing (it stays in the case's list of signatures, with who unlocked and why), the case can be
changed again, and it must be reviewed and signed again before a batch takes it by default. The
unlock runs on the worker thread; the service refuses it to anyone without
``Permission.SIGN_CASES``, whatever the window shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from cmlentry.gui import messages
from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.workers import Op
from cmlentry.services.review import ReviewService


def ask_unlock(
    parent: QWidget,
    review: ReviewService,
    registry_id: str,
    on_unlocked: Callable[[str], object] | None = None,
) -> ReasonDialog:
    """Ask why the case ``registry_id`` is unlocked, then unlock it; returns the open dialog.

    Args:
        parent: The window the dialog belongs to (window-modal, not blocking the caller).
        review: The review service of the signed-in user's workspace.
        registry_id: The signed case.
        on_unlocked: Called with the registry ID once the signature is dropped.
    """
    dialog = ReasonDialog(
        QCoreApplication.translate("unlock_case", "Unlock case %1").replace("%1", registry_id),
        QCoreApplication.translate(
            "unlock_case",
            "Case %1 is signed and locked. Unlocking drops your signature: the case can be "
            "changed again, and it must be reviewed and signed again before it is sent to the "
            "registry. The signature stays in the case's list of signatures with your reason.",
        ).replace("%1", registry_id),
        parent,
        suggestions=[
            QCoreApplication.translate("unlock_case", "correction after source verification"),
            QCoreApplication.translate("unlock_case", "query from the registry to answer"),
            QCoreApplication.translate("unlock_case", "new follow-up data to enter"),
            QCoreApplication.translate("unlock_case", "signed by mistake"),
        ],
        accept_label=QCoreApplication.translate("unlock_case", "Unlock and drop the signature"),
    )
    dialog.setObjectName("unlock_case_dialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def unlock() -> None:
        reason = dialog.reason or ""
        (
            Op(parent, lambda _p, _c: review.unlock(registry_id, reason))
            .success(lambda _none: _on_unlocked(parent, registry_id, on_unlocked))
            .run()
        )

    dialog.accepted.connect(unlock)
    dialog.open()
    return dialog


def _on_unlocked(
    parent: QWidget, registry_id: str, on_unlocked: Callable[[str], object] | None
) -> None:
    if on_unlocked is not None:
        on_unlocked(registry_id)
    messages.inform(
        parent,
        QCoreApplication.translate("unlock_case", "Case unlocked"),
        QCoreApplication.translate(
            "unlock_case",
            "Case %1 is unlocked and its signature dropped. It can be changed now; sign it "
            "again when it is ready (Case → Review and sign…).",
        ).replace("%1", registry_id),
    )
