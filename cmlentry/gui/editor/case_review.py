"""The review of the case open in the editor: what is read from, and done through, its services.

Reads (the SDV marks, the queries and what the user may do with each, the current signature) are
short reads on the GUI thread, like the editor's read-back of a saved form. Every step that
writes — a mark set or removed, a query raised, answered, closed or cancelled, the case unlocked
— runs on the one worker thread (:class:`~cmlentry.gui.workers.Op`); when it returns, everything
is read again, since the service may have changed more than the step itself (a save clears the
marks of the answers it changed; answering a query changes the case's status).

Either service may be missing (an editor made without them): its part of the review is then
simply absent. What the user may do is decided by the role here, for the screen, and again by
the services, which refuse anyone else (hiding a button is not a permission check).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cmlentry.domain.roles import Permission, Role, allowed
from cmlentry.errors import CmlentryError
from cmlentry.gui.editor.review_marks import CaseReviewData, ReviewMarks
from cmlentry.gui.workers import Op
from cmlentry.services.queries import QueryInfo, QueryService
from cmlentry.services.review import ItemAddress, ReviewService

log = logging.getLogger(__name__)


class CaseReview(QObject):
    """SDV marks, queries and the signature of one open case."""

    changed = Signal()
    """The review's data was read again (:attr:`data`, :meth:`marks`)."""
    lock_changed = Signal(bool)
    """The case became locked (signed) or unlocked."""
    failed = Signal(object)
    """A review step was refused or failed: the exception (nothing was changed)."""
    done = Signal(str)
    """A review step returned: a short text for the status bar."""

    def __init__(
        self,
        review: ReviewService | None,
        queries: QueryService | None,
        role: Role,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._queries = queries
        self._widget = parent
        self.can_verify = review is not None and allowed(role, Permission.VERIFY_SOURCE)
        self.can_raise = queries is not None and allowed(role, Permission.RAISE_QUERIES)
        self.can_sign = review is not None and allowed(role, Permission.SIGN_CASES)
        self.data: CaseReviewData | None = None
        self._marks: ReviewMarks | None = None

    @property
    def enabled(self) -> bool:
        return self._review is not None or self._queries is not None

    @property
    def has_queries(self) -> bool:
        return self._queries is not None

    @property
    def locked(self) -> bool:
        return self.data is not None and self.data.locked

    def marks(self) -> ReviewMarks | None:
        return self._marks

    # --- reading ----------------------------------------------------------------------------------

    def load(self, registry_id: str) -> None:
        """Read the review's data of a case (now, on this thread)."""
        was_locked = self.locked
        self.data = self._read(registry_id) if self.enabled else None
        if self.data is None:
            self._marks = None
        else:
            self._marks = ReviewMarks(
                self.data, can_verify=self.can_verify, can_raise=self.can_raise
            )
        self.changed.emit()
        if self.locked != was_locked:
            self.lock_changed.emit(self.locked)

    def reload(self) -> None:
        if self.data is not None:
            self.load(self.data.registry_id)

    def clear(self) -> None:
        was_locked = self.locked
        self.data = None
        self._marks = None
        if was_locked:
            self.lock_changed.emit(False)

    def _read(self, registry_id: str) -> CaseReviewData:
        data = CaseReviewData(registry_id)
        review, queries = self._review, self._queries
        try:
            if review is not None:
                data = CaseReviewData(
                    registry_id,
                    verifications=review.verifications(registry_id),
                    signature=review.signature(registry_id),
                )
            if queries is not None:
                found = tuple(queries.for_case(registry_id))
                data = CaseReviewData(
                    registry_id,
                    verifications=data.verifications,
                    queries=found,
                    actions={q.id: queries.actions(q) for q in found},
                    signature=data.signature,
                )
        except CmlentryError as exc:  # a role that may not read them: the review shows nothing
            log.info("review not read: %s", exc.code)
        return data

    # --- steps ------------------------------------------------------------------------------------

    def set_verified(self, address: ItemAddress, verified: bool) -> None:
        review = self._review
        if review is None or self.data is None:
            return
        registry_id = self.data.registry_id
        done = self.tr("Marked verified against source") if verified else self.tr("Mark removed")
        self._run(lambda: review.set_verified(registry_id, address, verified), done)

    def verify_all(self, addresses: Sequence[ItemAddress]) -> None:
        """Mark several answers verified, one after the other in one worker task."""
        review = self._review
        if review is None or self.data is None or not addresses:
            return
        registry_id = self.data.registry_id

        def work() -> None:
            for address in addresses:
                review.set_verified(registry_id, address, True)

        done = self.tr("%n answer(s) marked verified against source", "", len(addresses))
        self._run(work, done)

    def raise_query(
        self, address: ItemAddress, text: str, then: Callable[[QueryInfo], None] | None = None
    ) -> None:
        """Raise a query; ``then`` gets it once it is raised and everything is read again."""
        queries = self._queries
        if queries is None or self.data is None:
            return
        registry_id = self.data.registry_id
        self._run(
            lambda: queries.raise_query(registry_id, address, text),
            self.tr("Query raised"),
            then,  # type: ignore[arg-type]
        )

    def answer(self, query_id: str, text: str) -> None:
        queries = self._queries
        if queries is not None:
            self._run(lambda: queries.answer(query_id, text), self.tr("Query answered"))

    def close_query(self, query_id: str, note: str | None) -> None:
        queries = self._queries
        if queries is not None:
            self._run(lambda: queries.close(query_id, note), self.tr("Query closed"))

    def cancel_query(self, query_id: str, note: str) -> None:
        queries = self._queries
        if queries is not None:
            self._run(lambda: queries.cancel(query_id, note), self.tr("Query cancelled"))

    def unlock(self, reason: str) -> None:
        """Unlock the signed case with a reason (the signature is dropped)."""
        review = self._review
        if review is None or self.data is None:
            return
        registry_id = self.data.registry_id
        self._run(lambda: review.unlock(registry_id, reason), self.tr("Case unlocked"))

    def _run(
        self, step: Callable[[], object], done: str, then: Callable[[object], None] | None = None
    ) -> None:
        registry_id = self.data.registry_id if self.data is not None else None

        def work(_progress: object, _cancelled: object) -> object:
            return step()

        def returned(result: object) -> None:
            self._reload_if(registry_id)
            self.done.emit(done)
            if then is not None:
                then(result)

        def refused(exc: BaseException) -> None:
            self._reload_if(registry_id)  # put back what the screen showed before the click
            self.failed.emit(exc)

        Op(self._widget, work).success(returned).failure(refused).run()

    def _reload_if(self, registry_id: str | None) -> None:
        # The case may have been closed (or another opened) while the step ran.
        if self.data is not None and self.data.registry_id == registry_id:
            self.reload()
