"""The local identification list: site roles only, audited, and unreachable from exports."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from cmlentry.domain.roles import Role
from cmlentry.errors import InvalidInput, NotPermitted
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.identities import IDENTIFYING_FIELDS, IdentityService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.models import PatientIdentity

PACKAGE = Path(__file__).resolve().parents[2] / "cmlentry"
# The only modules that may touch the identification list.
MAY_READ_IDENTITIES = {
    "cmlentry/services/identities.py",
    "cmlentry/storage/models.py",
    # Hands the service to the desktop window's identity dialogs; exports never see it.
    "cmlentry/services/desk.py",
}


def test_record_find_and_correct(admin_ws: Workspace) -> None:
    rid = CaseService(admin_ws, today=dt.date(2026, 11, 21)).create_case()
    people = IdentityService(admin_ws)
    people.set(rid, "  Martin ", "Jeanne  Marie", "1955-04-12", "H-0042")
    assert people.get(rid) == people.find("h-004")[0]
    assert people.find("MART")[0].given_names == "Jeanne Marie"
    assert people.find("nobody") == []
    people.set(rid, "Martin-Durand", "Jeanne Marie", "1955-04-12", "H-0042", reason="married name")
    assert people.get(rid).family_name == "Martin-Durand"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="full date"):
        people.set(rid, "Martin", "J", "1955-04")


def test_only_site_roles_see_it(admin_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    rid = CaseService(admin_ws, today=dt.date(2026, 11, 21)).create_case()
    IdentityService(admin_ws).set(rid, "Martin", "Jeanne")
    coordinator = admin_ws.user.__class__(admin_ws.user.id, "c", "C", Role.COORDINATOR, True, False)
    monkeypatch.setattr(admin_ws, "user", coordinator)
    with pytest.raises(NotPermitted):
        IdentityService(admin_ws).get(rid)


def test_no_identifying_field_is_part_of_the_case_report_form() -> None:
    """Everything in the form definition is what batches and spreadsheets can carry; the
    identifying fields must not be among it, not even under a similar name."""
    suspicious = {
        "name",
        "surname",
        "family",
        "given",
        "dob",
        "birth_date",
        "hospital",
        "mrn",
        "address",
        "phone",
        "email",
        "initials",
    }
    reviewed = {"prospective_study_name"}  # the name of a study, not of a person
    for definition in installed_definitions().by_version.values():
        for item_id in definition.items_by_id.keys() - reviewed:
            assert item_id not in IDENTIFYING_FIELDS
            parts = set(item_id.split("_"))
            assert not (parts & suspicious) and "birth_date" not in item_id, item_id


def test_the_model_columns_are_the_identifying_fields() -> None:
    columns = {c.name for c in PatientIdentity.__table__.columns} - {"case_id"}
    assert columns == IDENTIFYING_FIELDS


def test_only_the_identification_service_reaches_the_list() -> None:
    """Allow-list: an export (or anything else) importing the identification list fails here."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = str(path.relative_to(PACKAGE.parent))
        # The site's desktop screens show the list through the service, which checks the role;
        # what must never reach it is export, batch and report code.
        if (
            relative in MAY_READ_IDENTITIES
            or "/migrations/" in relative
            or relative.startswith("cmlentry/gui/")
        ):
            continue
        tree = ast.parse(path.read_text(), relative)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.Name | ast.Attribute):
                names = [getattr(node, "id", getattr(node, "attr", ""))]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value] if node.value == "patient_identities" else []
            for name in names:
                if (
                    name.endswith(("PatientIdentity", "services.identities", "IdentityService"))
                    or name == "patient_identities"
                ):
                    offenders.append(f"{relative}:{node.lineno}")  # type: ignore[attr-defined]
    assert offenders == []


def test_identifying_values_never_enter_the_audit_trail(admin_ws: Workspace) -> None:
    """Review finding: the append-only trail travels with batches, so it carries field names
    of identity changes only, never the values."""
    from sqlalchemy import select

    from cmlentry.storage.models import AuditEvent

    rid = CaseService(admin_ws, today=dt.date(2026, 11, 21)).create_case()
    people = IdentityService(admin_ws)
    people.set(rid, "Sentinelname", "Jeanne", "1955-04-12", "H-SENTINEL-9")
    people.set(rid, "Sentinelname-Durand", "Jeanne", "1955-04-12", "H-SENTINEL-9", reason="married")
    with admin_ws.db.read() as session:
        rows = session.execute(select(AuditEvent)).scalars().all()
        text = " ".join(f"{r.old_value} {r.new_value} {r.reason} {r.entity_id}" for r in rows)
        events = [(r.action, r.field) for r in rows if r.entity == "identity"]
    for value in ("Sentinelname", "H-SENTINEL-9", "1955-04-12", "Jeanne"):
        assert value not in text
    assert events[:4] == [
        ("identity_recorded", f)
        for f in ("family_name", "given_names", "birth_date", "hospital_number")
    ]
    assert events[4:] == [("identity_changed", "family_name")]


def test_search_needs_two_characters_and_wildcards_are_literal(admin_ws: Workspace) -> None:
    rid = CaseService(admin_ws, today=dt.date(2026, 11, 21)).create_case()
    IdentityService(admin_ws).set(rid, "Martin", "Jeanne", None, "H_1")
    people = IdentityService(admin_ws)
    assert people.find("") == [] and people.find("%") == []
    assert people.find("%%") == []
    assert [i.hospital_number for i in people.find("H_1")] == ["H_1"]
    assert people.find("H%1") == []
