"""Runs of the desktop application, and the notice after one that did not close properly.

Each run opens an ``AppSession`` row (:meth:`SessionService.start`), moves its ``last_seen_at`` at
every autosave tick (:meth:`~SessionService.heartbeat`) and closes it on a clean exit
(:meth:`~SessionService.end`). A row still open when the same user starts the application again
belongs to a run that crashed, was killed or lost power. ``start`` then closes it ("ended
unclean": ``ended_at`` is set to the last moment it was seen alive, and an ``app_ended_unclean``
event goes into the audit trail) and returns :class:`UncleanEnd`: what that run saved and the
unsaved typing (drafts) recovered.

What was saved comes from the audit trail, not from what the application believed: a crash can
land after a save's COMMIT and before the screen said "Saved". The run's audit rows are those
of the same user from the run's login (the last ``login`` event of the user at or before the run
started) to the user's next login, read by sequence number through the entity index, so the
notice costs a few indexed reads however long the trail is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.domain.roles import Permission, allowed
from cmlentry.services.cases import CaseService
from cmlentry.services.drafts import Draft, user_drafts
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.models import AppSession, AuditEvent, Case

UNCLEAN_EVENT = "app_ended_unclean"


@dataclass(frozen=True)
class SavedForm:
    """One form the unclean run saved, as the audit trail has it.

    Attributes:
        registry_id: The case.
        form_id: The form.
        form_label: The form's label, for the notice.
        saved_at: The last audited save of that form in the run (UTC ISO).
        changes: Answers of that form written (created, changed or removed) in the run.
    """

    registry_id: str
    form_id: str
    form_label: str
    saved_at: str
    changes: int


@dataclass(frozen=True)
class UncleanEnd:
    """The user's previous run did not close properly (crash, kill, power cut).

    Attributes:
        started_at: When that run started (UTC ISO).
        last_seen_at: Its last heartbeat (UTC ISO).
        saved: What the store holds from that run, from the audit trail, oldest save first.
        drafts: Unsaved typing recovered (every draft of the user), newest first.
    """

    started_at: str
    last_seen_at: str
    saved: list[SavedForm]
    drafts: list[Draft]


class SessionService:
    """The current run of the desktop application for the logged-in user."""

    def __init__(self, ws: Workspace, case_service: CaseService | None = None) -> None:
        self.ws = ws
        self.cases = case_service or CaseService(ws)
        self._session_id: int | None = None

    def start(self) -> UncleanEnd | None:
        """Open this run's session; report the user's earlier run that never ended.

        Every earlier run of the user still open is closed as ended unclean; the latest of
        them is reported. A read-only (damaged) workspace records nothing and reports the
        latest unclean run without closing it.

        Returns:
            The latest unclean run of the user, or None when every earlier run ended cleanly.
        """
        if self._session_id is not None:
            raise RuntimeError("this run's session is already open")
        user_id = self.ws.user.id
        now = format_utc(self.ws.clock())
        open_runs = select(AppSession).where(
            AppSession.user_id == user_id, AppSession.ended_at.is_(None)
        )
        if self.ws.read_only:
            with self.ws.db.read() as session:
                runs = list(session.scalars(open_runs))
                found = self._saved_by(session, runs)
        else:
            with self.ws.write() as session:
                runs = list(session.scalars(open_runs))
                found = self._saved_by(session, runs)
                for run in runs:
                    run.ended_at = run.last_seen_at
                    record_event(
                        session,
                        UNCLEAN_EVENT,
                        "user",
                        str(user_id),
                        new={"started_at": run.started_at, "last_seen_at": run.last_seen_at},
                    )
                current = AppSession(user_id=user_id, started_at=now, last_seen_at=now)
                session.add(current)
                session.flush()
                self._session_id = current.id
        if found is None:
            return None
        started_at, last_seen_at, saved = found
        # Read after the commit, in a session of its own: the user's own typing.
        drafts = (
            user_drafts(self.ws, self.cases)
            if allowed(self.ws.user.role, Permission.ENTER_DATA)
            else []
        )
        return UncleanEnd(started_at, last_seen_at, saved, drafts)

    def heartbeat(self) -> None:
        """Note that this run is alive (called with each autosave tick; one UPDATE)."""
        self._touch(ended=False)

    def end(self) -> None:
        """Close this run cleanly (on quit, after the last save)."""
        self._touch(ended=True)
        self._session_id = None

    # --- helpers ----------------------------------------------------------------------------------

    def _touch(self, *, ended: bool) -> None:
        if self._session_id is None or self.ws.read_only:
            return
        now = format_utc(self.ws.clock())
        with self.ws.write() as session:
            run = session.get(AppSession, self._session_id)
            if run is None:
                return
            run.last_seen_at = now
            if ended:
                run.ended_at = now

    def _saved_by(
        self, session: Session, runs: list[AppSession]
    ) -> tuple[str, str, list[SavedForm]] | None:
        """The latest of ``runs``: when it started, was last seen, and what it saved."""
        if not runs:
            return None
        latest = max(runs, key=lambda run: (run.started_at, run.id))
        return latest.started_at, latest.last_seen_at, self._saved(session, latest.started_at)

    def _run_bounds(self, session: Session, started_at: str) -> tuple[int, int | None]:
        """Sequence numbers around the run's audit rows: its login, and the user's next login."""
        logins = session.execute(
            select(AuditEvent.seq, AuditEvent.at_utc)
            .where(
                AuditEvent.entity == "user",
                AuditEvent.entity_id == str(self.ws.user.id),
                AuditEvent.action == "login",
            )
            .order_by(AuditEvent.seq)
        ).all()
        first = max((seq for seq, at in logins if at <= started_at), default=0)
        after = min((seq for seq, _at in logins if seq > first), default=None)
        return first, after

    def _saved(self, session: Session, started_at: str) -> list[SavedForm]:
        first, after = self._run_bounds(session, started_at)
        query = select(AuditEvent.entity, AuditEvent.entity_id, AuditEvent.at_utc).where(
            AuditEvent.seq > first,
            AuditEvent.actor_id == self.ws.user.id,
            AuditEvent.entity.in_(("value", "form")),
            AuditEvent.at_utc >= started_at,
        )
        if after is not None:
            query = query.where(AuditEvent.seq < after)
        # One answer writes up to three rows (value, missing code, override reason): count the
        # answers changed, which is what a nurse means by "changes".
        last_at: dict[tuple[int, str], str] = {}
        answers: dict[tuple[int, str], set[str]] = {}
        for entity, entity_id, at in session.execute(query.order_by(AuditEvent.seq)):
            parts = (entity_id or "").split(":")
            if len(parts) < 2 or not parts[0].isdigit():
                continue
            where = (int(parts[0]), parts[1])
            last_at[where] = max(last_at.get(where, at), at)
            if entity == "value":
                answers.setdefault(where, set()).add(entity_id or "")
        found = {where: (at, len(answers.get(where, ()))) for where, at in last_at.items()}
        if not found:
            return []
        registry_ids: dict[int, str] = {
            case_id: registry_id
            for case_id, registry_id in session.execute(
                select(Case.id, Case.registry_id).where(
                    Case.id.in_({case_id for case_id, _form in found})
                )
            )
        }
        forms = self.cases.definition.forms_by_id
        saved = [
            SavedForm(
                registry_ids.get(case_id, "?"),
                form_id,
                forms[form_id].label if form_id in forms else form_id,
                at,
                changes,
            )
            for (case_id, form_id), (at, changes) in found.items()
        ]
        return sorted(saved, key=lambda s: (s.saved_at, s.registry_id, s.form_id))
