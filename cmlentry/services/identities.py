"""The local identification list: who each pseudonym is. It never leaves the workspace.

Names, full birth date and hospital number live only in ``patient_identities`` and only this
module reads or writes them, for site roles (nurse, PI, site administrator). No export may
import this module or the model (``tests/test_architecture.py`` and
``tests/services/test_identities.py`` hold the allow-list that enforces it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cmlentry.domain.roles import Permission
from cmlentry.domain.values import PartialDate, ValueProblem
from cmlentry.errors import InvalidInput
from cmlentry.services.cases import CaseService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import record_event
from cmlentry.storage.models import Case, PatientIdentity

# The fields that identify a person directly. Nothing named here may appear in a form
# definition or in anything exported (security.md §5).
IDENTIFYING_FIELDS = frozenset({"family_name", "given_names", "birth_date", "hospital_number"})


@dataclass(frozen=True)
class Identity:
    registry_id: str
    family_name: str
    given_names: str
    birth_date: str | None
    hospital_number: str | None


class IdentityService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def set(
        self,
        registry_id: str,
        family_name: str,
        given_names: str,
        birth_date: str | None = None,
        hospital_number: str | None = None,
        reason: str | None = None,
    ) -> Identity:
        """Record or correct who a case is (audited; a correction should give a reason)."""
        self.ws.require(Permission.VIEW_IDENTITY)
        family = " ".join(family_name.split())
        given = " ".join(given_names.split())
        if not family:
            raise InvalidInput(field="The family name", why="give it as on the hospital record")
        born = None
        if birth_date and birth_date.strip():
            try:
                date = PartialDate.parse(birth_date)
            except ValueProblem as problem:
                raise InvalidInput(field="The date of birth", why=str(problem)) from None
            if not date.is_complete:
                raise InvalidInput(field="The date of birth", why="give the full date")
            born = str(date)
        number = (hospital_number or "").strip() or None
        wanted = {
            "family_name": family,
            "given_names": given,
            "birth_date": born,
            "hospital_number": number,
        }
        with self.ws.write(reason) as session:
            case = CaseService._case(session, registry_id)
            row = session.get(PatientIdentity, case.id)
            action = "identity_recorded" if row is None else "identity_changed"
            if row is None:
                row = PatientIdentity(case_id=case.id)
                session.add(row)
            changed = [name for name, value in wanted.items() if getattr(row, name, None) != value]
            for name, value in wanted.items():
                setattr(row, name, value)
            # The audit trail says that and which fields changed, never their values.
            for name in changed:
                record_event(session, action, "identity", str(case.id), field=name)
            return Identity(case.registry_id, family, given, born, number)

    def get(self, registry_id: str) -> Identity | None:
        self.ws.require(Permission.VIEW_IDENTITY)
        with self.ws.db.read() as session:
            case = CaseService._case(session, registry_id)
            row = session.get(PatientIdentity, case.id)
            return _identity(case.registry_id, row) if row else None

    def find(self, text: str) -> list[Identity]:
        """Cases whose name or hospital number contains ``text`` (case-insensitive)."""
        self.ws.require(Permission.VIEW_IDENTITY)
        text = text.strip()
        if len(text) < 2:
            return []  # an empty search must not list the whole identification list
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        needle = f"%{escaped}%"
        with self.ws.db.read() as session:
            rows = session.execute(
                select(Case.registry_id, PatientIdentity)
                .join(PatientIdentity, PatientIdentity.case_id == Case.id)
                .where(
                    PatientIdentity.family_name.ilike(needle, escape="\\")
                    | PatientIdentity.given_names.ilike(needle, escape="\\")
                    | PatientIdentity.hospital_number.ilike(needle, escape="\\")
                )
                .order_by(Case.sequence)
            ).all()
            return [_identity(registry_id, row) for registry_id, row in rows]


def _identity(registry_id: str, row: PatientIdentity) -> Identity:
    return Identity(
        registry_id, row.family_name, row.given_names, row.birth_date, row.hospital_number
    )
