"""Cases through the service: pseudonyms, audited saves, reasons after completion, roles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from cmlentry.domain.pseudonym import RegistryId, RegistryIdTypo
from cmlentry.domain.values import Entry
from cmlentry.errors import FormNotReady, NotPermitted, ReasonRequired, UnknownCase
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import DefinitionSet, resources_folder
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import data_mismatches, verify_chain
from cmlentry.storage.models import AuditEvent
from tests.conftest import Site
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)


def service(ws: Workspace) -> CaseService:
    return CaseService(ws, today=TODAY)


def rows(form: str) -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


def fill(cases: CaseService, registry_id: str) -> None:
    for form in COMPLETE:
        cases.save_form(registry_id, form, rows(form))


def test_new_cases_get_the_next_pseudonym_of_the_centre(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    first, second = cases.create_case(), cases.create_case()
    assert RegistryId.parse(first) == RegistryId("FR", "086", 1)
    assert RegistryId.parse(second).sequence == 2
    listed = cases.list_cases()
    assert [(c.registry_id, c.status, c.forms_complete, c.forms_total) for c in listed] == [
        (first, "draft", 0, 9),
        (second, "draft", 0, 9),
    ]
    assert listed[0].open_errors > 10  # required answers not yet given


def test_a_save_is_audited_answer_by_answer(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    result = cases.save_form(rid, "patient", rows("patient"))
    assert result.changed == 4
    assert result.issues == []
    with admin_ws.db.read() as session:
        audit = session.execute(
            select(AuditEvent.action, AuditEvent.field, AuditEvent.new_value).where(
                AuditEvent.entity == "value", AuditEvent.entity_id.like("1:patient:patient:1:sex")
            )
        ).all()
        assert audit == [
            ("create", "value", '"M"'),
            ("create", "missing", None),
            ("create", "override", None),
        ]
        assert data_mismatches(session) == []
        assert verify_chain(session.connection()).intact


def test_values_are_stored_canonically_and_nothing_typed_is_lost(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    baseline = rows("diagnosis")
    baseline["baseline"][0].entries["wbc"] = Entry("85,50")  # type: ignore[index]
    baseline["baseline"][0].entries["haemoglobin"] = Entry("eleven")  # type: ignore[index]
    result = cases.save_form(rid, "diagnosis", baseline)
    stored = cases.get_case(rid).forms["diagnosis"].groups["baseline"][0].entries
    assert stored["wbc"] == Entry("85.50")
    assert stored["haemoglobin"] == Entry("eleven")  # kept as typed, and reported
    assert [i.message for i in result.issues] == ["Haemoglobin: give a number, for example 12.5."]


def test_repeating_rows_keep_their_identity(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    first = {"assessment_date": Entry("2006-01-10"), "phase_reported": Entry("CP")}
    second = {"assessment_date": Entry("2006-04-10"), "phase_reported": Entry("CP")}
    cases.save_form(
        rid, "assessments", {"assessment": [RowData(None, first), RowData(None, second)]}
    )
    saved = cases.get_case(rid).forms["assessments"].groups["assessment"]
    assert [r.key for r in saved] == [1, 2]
    # Delete the first row and add a new one: the new row gets a new key, never a reused one.
    cases.save_form(
        rid,
        "assessments",
        {"assessment": [saved[1], RowData(None, {"assessment_date": Entry("2006-07-10")})]},
    )
    again = cases.get_case(rid).forms["assessments"].groups["assessment"]
    assert [r.key for r in again] == [2, 3]
    assert again[0].entries["assessment_date"] == Entry("2006-04-10")


def test_a_complete_form_changes_only_with_a_reason(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    fill(cases, rid)
    cases.mark_complete(rid, "patient")
    changed = rows("patient")
    changed["patient"][0].entries["birth_month"] = Entry("5")  # type: ignore[index]
    with pytest.raises(ReasonRequired) as caught:
        cases.save_form(rid, "patient", changed)
    assert "give a reason" in caught.value.message
    assert cases.get_case(rid).forms["patient"].groups["patient"][0].entries[
        "birth_month"
    ] == Entry("4")
    result = cases.save_form(rid, "patient", changed, reason="corrected from the source document")
    assert result.form_status == "complete"
    with admin_ws.db.read() as session:
        reason = session.scalar(
            select(AuditEvent.reason)
            .where(AuditEvent.entity_id.like("%:birth_month"))
            .order_by(AuditEvent.seq.desc())
        )
    assert reason == "corrected from the source document"
    # Saving the same answers again is not a change and needs no reason.
    assert cases.save_form(rid, "patient", changed).changed == 0


def test_mark_complete_is_refused_while_problems_remain(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    with pytest.raises(FormNotReady) as caught:
        cases.mark_complete(rid, "patient")
    assert "Sex is required" in caught.value.message
    fill(cases, rid)
    for form in COMPLETE:
        cases.mark_complete(rid, form)
    summary = cases.list_cases()[0]
    assert (summary.status, summary.forms_complete, summary.open_errors) == ("complete", 9, 0)
    assert summary.form_a_reason == "NO_MCYR"


def test_an_edit_that_breaks_a_complete_form_puts_it_back_to_draft(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    fill(cases, rid)
    cases.mark_complete(rid, "patient")
    broken = rows("patient")
    broken["patient"][0].entries.pop("sex")  # type: ignore[attr-defined]
    result = cases.save_form(rid, "patient", broken, reason="sex unknown after review")
    assert result.form_status == "draft"


def test_a_soft_warning_is_kept_with_its_reason(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    fill(cases, rid)
    high = rows("diagnosis")
    high["baseline"][0].entries["platelets"] = Entry("1650")  # type: ignore[index]
    result = cases.save_form(rid, "diagnosis", high)
    assert [i.severity for i in result.issues] == ["soft"]
    with pytest.raises(FormNotReady):
        cases.mark_complete(rid, "diagnosis")
    high["baseline"][0].entries["platelets"] = Entry("1650", override="thrombocytosis confirmed")  # type: ignore[index]
    cases.save_form(rid, "diagnosis", high)
    cases.mark_complete(rid, "diagnosis")
    stored = cases.get_case(rid).forms["diagnosis"].groups["baseline"][0].entries["platelets"]
    assert stored.override == "thrombocytosis confirmed"


def test_unknown_or_mistyped_cases(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    with pytest.raises(UnknownCase):
        cases.get_case(str(RegistryId("FR", "086", 99)))
    typo = rid[:-1] + ("0" if rid[-1] != "0" else "1")
    with pytest.raises(RegistryIdTypo):
        cases.get_case(typo)


def test_roles(site: Site) -> None:
    from cmlentry.crypto.keyslots import OWASP_FLOOR
    from cmlentry.services.workspace import open_workspace

    with open_workspace(
        site.folder, "nina", "nurse-pass-0815", clock=site.clock, policy=OWASP_FLOOR
    ) as ws:
        rid = service(ws).create_case()  # a nurse enters data
        assert service(ws).get_case(rid).registry_id == rid


def test_records_keep_the_definition_version(admin_ws: Workspace) -> None:
    cases = service(admin_ws)
    rid = cases.create_case()
    cases.save_form(rid, "patient", rows("patient"))
    assert cases.get_case(rid).forms["patient"].definition_version == "1.0"
    with admin_ws.db.read() as session:
        versions = set(
            session.scalars(
                select(AuditEvent.new_value).where(
                    AuditEvent.entity == "form", AuditEvent.field == "definition_version"
                )
            )
        )
    assert versions == {'"1.0"'}


def test_nobody_without_the_role_reads_cases(
    admin_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cmlentry.domain.roles import Role

    monkeypatch.setattr(
        admin_ws,
        "user",
        admin_ws.user.__class__(admin_ws.user.id, "x", "X", Role.COORDINATOR, True, False),
    )
    with pytest.raises(NotPermitted):
        service(admin_ws).create_case()


def test_data_entered_under_an_older_definition_load_without_loss(
    admin_ws: Workspace, tmp_path: Path
) -> None:
    """A version 1.1 that drops an item, adds one and relabels another is installed after data
    were entered under 1.0: every 1.0 answer is still read, and saving under 1.1 keeps the
    answer to the item 1.1 no longer asks for."""
    shipped = (resources_folder() / "forms" / "cml-ifp-1.0.yaml").read_text("utf-8")
    data = yaml.safe_load(shipped)
    data["definition"]["version"] = "1.1"
    items = data["forms"][0]["groups"][0]["items"]
    items[:] = [i for i in items if i["id"] != "birth_month"]
    items.append({"id": "consent_date", "label": "Consent given on", "type": "date"})
    items[0]["label"] = "Sex (as recorded)"
    (tmp_path / "cml-ifp-1.0.yaml").write_text(shipped, "utf-8")
    old = CaseService(admin_ws, DefinitionSet.load(tmp_path), today=TODAY)
    rid = old.create_case()
    old.save_form(rid, "patient", rows("patient"))
    (tmp_path / "cml-ifp-1.1.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    new = CaseService(admin_ws, DefinitionSet.load(tmp_path), today=TODAY)
    assert new.definition.version == "1.1"
    form = new.get_case(rid).forms["patient"]
    assert form.definition_version == "1.0"
    assert form.groups["patient"][0].entries == COMPLETE["patient"]["patient"][0]
    # Saved again under 1.1 with the new item: the dropped item's answer stays.
    entries = {**form.groups["patient"][0].entries, "consent_date": Entry("2006-11-01")}
    new.save_form(rid, "patient", {"patient": [RowData(1, entries)]})
    again = new.get_case(rid).forms["patient"]
    assert again.definition_version == "1.1"
    assert again.groups["patient"][0].entries["birth_month"] == Entry("4")
    assert again.groups["patient"][0].entries["consent_date"] == Entry("2006-11-01")


def test_a_deleted_last_row_never_gives_its_key_to_a_new_row(admin_ws: Workspace) -> None:
    """Review finding: next key = 1 + max(stored) reused the key of a deleted last row, so
    two different rows shared one audit identity."""
    cases = service(admin_ws)
    rid = cases.create_case()
    first = RowData(None, {"assessment_date": Entry("2006-01-10")})
    second = RowData(None, {"assessment_date": Entry("2006-04-10")})
    cases.save_form(rid, "assessments", {"assessment": [first, second]})
    saved = cases.get_case(rid).forms["assessments"].groups["assessment"]
    cases.save_form(rid, "assessments", {"assessment": [saved[0]]})  # delete the last row
    cases.save_form(
        rid,
        "assessments",
        {"assessment": [saved[0], RowData(None, {"assessment_date": Entry("2006-07-10")})]},
    )
    again = cases.get_case(rid).forms["assessments"].groups["assessment"]
    assert [r.key for r in again] == [1, 3]


def test_a_row_key_no_longer_stored_is_saved_as_a_new_row(admin_ws: Workspace) -> None:
    """Review finding (editor drafts): a draft naming a row deleted meanwhile recreated the row
    under its old key, extending a deleted row's audit history."""
    cases = service(admin_ws)
    rid = cases.create_case()
    cases.save_form(
        rid,
        "assessments",
        {"assessment": [RowData(None, {"assessment_date": Entry("2006-01-10")})]},
    )
    old = cases.get_case(rid).forms["assessments"].groups["assessment"][0]
    cases.save_form(rid, "assessments", {"assessment": []})  # deleted
    stale = RowData(old.key, {"assessment_date": Entry("2006-02-10")})  # e.g. from a draft
    cases.save_form(rid, "assessments", {"assessment": [stale]})
    again = cases.get_case(rid).forms["assessments"].groups["assessment"]
    assert old.key is not None
    assert [r.key for r in again] == [old.key + 1]
    history = cases.history(rid, "assessments", "assessment", old.key, "assessment_date")
    assert [c.action for c in history][-1] == "delete"


def test_unknown_groups_items_and_forms_are_refused_not_dropped(admin_ws: Workspace) -> None:
    from cmlentry.errors import InvalidInput

    cases = service(admin_ws)
    rid = cases.create_case()
    with pytest.raises(InvalidInput, match="no item 'sexe'"):
        cases.save_form(rid, "patient", {"patient": [RowData(None, {"sexe": Entry("M")})]})
    with pytest.raises(InvalidInput, match="no group 'patients'"):
        cases.save_form(rid, "patient", {"patients": [RowData(None, {"sex": Entry("M")})]})
    with pytest.raises(InvalidInput, match="no form 'patients'"):
        cases.mark_complete(rid, "patients")
    assert cases.get_case(rid).forms["patient"].groups["patient"] == []
