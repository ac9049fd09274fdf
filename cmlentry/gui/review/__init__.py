"""The PI's review screens: the review queue, signing, unlocking, signatures, the case summary.

The main window reaches them through :class:`ReviewTasks` (menu *Case*: Review and sign… Ctrl+R,
Unlock…, Signatures…, Print case summary… Ctrl+P). Signing and unlocking need
``Permission.SIGN_CASES`` (the PI); the window hides those actions from other roles and the
review service refuses them anyway.

One module a part: ``queue_model`` and ``signed_model`` (the two lists), ``detail_models`` and
``detail_pane`` (one case's changes, queries and signatures), ``review_dialog``, ``sign_dialog``,
``unlock``, ``signatures_dialog``, ``summary_print``, ``texts`` (sentences about signatures and
times) and ``review_tasks`` (the window's handlers). The editor's own review controls (source
verification ticks, the query panel, the locked banner) are in ``cmlentry.gui.editor``.
"""

from cmlentry.gui.review.review_dialog import ReviewDialog
from cmlentry.gui.review.review_tasks import ReviewTasks
from cmlentry.gui.review.sign_dialog import SignDialog, show_signature
from cmlentry.gui.review.signatures_dialog import SignaturesDialog
from cmlentry.gui.review.unlock import ask_unlock

__all__ = [
    "ReviewDialog",
    "ReviewTasks",
    "SignDialog",
    "SignaturesDialog",
    "ask_unlock",
    "show_signature",
]
