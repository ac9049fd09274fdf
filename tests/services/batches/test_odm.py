"""The ODM payload: written with odmlib, valid against the ODM 1.3.2 schema, read back exactly,
and every hostile or malformed document refused with one of two typed errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import odmlib
import pytest
import xmlschema
from defusedxml.ElementTree import (  # type: ignore[import-untyped, unused-ignore]
    fromstring as safe_fromstring,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odmlib.loader import ODMLoader
from odmlib.odm_loader import XMLODMLoader
from odmlib.oid_generator import create_oid_checker

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.services.batches.odm_errors import (
    PayloadInvalid,
    PayloadUnsafe,
    RecordNotExportable,
)
from cmlentry.services.batches.odm_extension import CML_NS, SCHEMA
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.odm_write import (
    AuditKey,
    OdmBatchInfo,
    OdmCase,
    OdmUser,
    ValueAudit,
    write_odm,
)
from cmlentry.services.batches.record import (
    Record,
    binding_sha256,
    content_sha256,
    record_of,
    record_sha256,
    signature_problem,
)
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.definitions import installed_definitions, resources_folder
from cmlentry.services.workspace import create_workspace
from tests.conftest import ADMIN, ADMIN_PASSWORD, SITE, FakeClock
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)
DEFINITION = installed_definitions().current
NS = "{http://www.cdisc.org/ns/odm/v1.3}"
CML = f"{{{CML_NS}}}"
MEANING = "I confirm these data are accurate and complete"
SPECIAL = "Étude <CML> & \"quotes\" 'apos' ]]> — 日本語 😀\n\ttab\r\nend"
REASON = 'corrected <from> the "source" & ]]> — réf.'
USERS = [OdmUser("admin", "Ada Admin"), OdmUser("nina", "Nina Nürse <&>"), OdmUser("carol", "C")]
INFO = OdmBatchInfo(
    file_oid="BATCH.FR-086.000012",
    prior_file_oid="BATCH.FR-086.000011",
    created_at="2026-11-21T10:00:00Z",
    app_version="0.1.0",
    site_id="FR-086",
    site_name="CHU de Test & <Co>",
)
FIRST = OdmBatchInfo("BATCH.FR-086.000001", None, "2026-11-21T10:00:00Z", "0.1.0", "FR-086", "CHU")


def _rows(form: str) -> dict[str, list[RowData]]:
    return {g: [RowData(None, dict(r)) for r in rs] for g, rs in COMPLETE[form].items()}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Record]:
    """Real cases saved through the case service, as records."""
    folder = tmp_path_factory.mktemp("odm") / "ws"
    created = create_workspace(
        folder, SITE, ADMIN, "Ada Admin", ADMIN_PASSWORD, clock=FakeClock(), policy=OWASP_FLOOR
    )
    with created.workspace as ws:
        cases = CaseService(ws, today=TODAY)
        made: dict[str, str] = {}
        made["complete"] = rid = cases.create_case()
        for form in COMPLETE:
            cases.save_form(rid, form, _rows(form))
        for form in COMPLETE:
            cases.mark_complete(rid, form)
        made["empty"] = cases.create_case()
        made["gaps"] = rid = cases.create_case()
        dates = ("2006-01-10", "2006-04-10", "2006-07-10")
        cases.save_form(
            rid,
            "assessments",
            {"assessment": [RowData(None, {"assessment_date": Entry(d)}) for d in dates]},
        )
        saved = cases.get_case(rid).forms["assessments"].groups["assessment"]
        new = RowData(None, {"assessment_date": Entry("2006-10-10"), "phase_reported": Entry("AP")})
        cases.save_form(rid, "assessments", {"assessment": [saved[2], new, saved[0]]})
        made["answers"] = rid = cases.create_case()
        baseline = _rows("diagnosis")
        entries = baseline["baseline"][0].entries
        entries["platelets"] = Entry("1650", override=SPECIAL.replace("\r", ""))  # type: ignore[index]
        entries["wbc"] = Entry(None, "UNK", "not in the chart")  # type: ignore[index]
        entries["spleen_cm"] = Entry(None, "NA")  # type: ignore[index]
        entries["haemoglobin"] = Entry("eleven")  # type: ignore[index]
        cases.save_form(rid, "diagnosis", baseline)
        patient = _rows("patient")
        patient["patient"][0].entries.update(  # type: ignore[attr-defined]
            prospective_study=Entry("Y"), prospective_study_name=Entry(SPECIAL)
        )
        cases.save_form(rid, "patient", patient)
        return {name: record_of(cases.get_case(r), DEFINITION.oid) for name, r in made.items()}


def _audits(record: Record, start: int = 100) -> dict[AuditKey, ValueAudit]:
    audits: dict[AuditKey, ValueAudit] = {}
    seq = start
    for form_id, form in record["forms"].items():
        for group_id, rows in form["groups"].items():
            for row in rows:
                for item_id in row["values"]:
                    seq += 1
                    audits[(form_id, group_id, row["key"], item_id)] = ValueAudit(
                        "nina" if seq % 2 else "admin",
                        f"2026-11-2{seq % 10}T09:{seq % 60:02d}:00.{seq:06d}Z",
                        REASON if seq % 3 == 0 else None,
                        seq,
                    )
    return audits


ODMLIB_SCHEMAS = Path(odmlib.__file__).parent / "schemas" / "odm" / "1.3.2"


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> xmlschema.XMLSchema:
    """ODM 1.3.2 with cmlentry's extension: our two files beside the CDISC ones, as shipped."""
    folder = tmp_path_factory.mktemp("odm-schema")
    for source in [*ODMLIB_SCHEMAS.glob("*.xsd"), *(resources_folder() / "odm").glob("*.xsd")]:
        shutil.copy(source, folder)
    return xmlschema.XMLSchema(str(folder / SCHEMA))


@pytest.fixture(scope="module")
def plain_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(ODMLIB_SCHEMAS / "ODM1-3-2.xsd"))


def signed(record: Record, username: str = "admin", printed: str = "Ada Admin") -> Record:
    """``record`` with a signature that holds, as the review service makes one."""
    at, content = "2026-11-21T09:59:00.123456Z", content_sha256(record)
    signature = {
        "username": username,
        "printed_name": printed,
        "role": "pi",
        "meaning": MEANING,
        "signed_at": at,
        "content_sha256": content,
        "binding_sha256": binding_sha256(record["id"], username, printed, at, MEANING, content),
    }
    return {**record, "status": "signed", "signature": signature}


def queried(record: Record) -> Record:
    """``record`` with queries in every state, texts XML must escape and both origins."""
    item = {"form": "diagnosis", "group": "baseline", "row": 1, "item": "platelets"}
    raised = {
        "raised_by": "cora",
        "raised_name": "Cora <Ordinator> & Co",
        "raised_at": "2026-11-22T08:00:00.000001Z",
    }
    answered = {
        "answer": "Checked\r\nagain:\tsame",
        "answered_by": "nina",
        "answered_name": "Nina Nürse",
        "answered_at": "2026-11-23T08:00:00.000002Z",
    }
    closed = {
        "closed_by": "admin",
        "closed_name": "Ada Admin",
        "closed_at": "2026-11-24T08:00:00.000003Z",
    }
    queries = [
        {"id": "00000000-0000-4000-8000-000000000001", "item": item, "origin": "registry",
         "state": "open", "text": SPECIAL, **raised},
        {"id": "00000000-0000-4000-8000-000000000002", "item": item, "origin": "registry",
         "state": "answered", "text": "Platelets > 1500?", **raised, **answered},
        {"id": "00000000-0000-4000-8000-000000000003", "origin": "site", "state": "closed",
         "item": {**item, "item": "wbc"}, "text": "WBC unknown?", **raised, **answered,
         **closed, "note": "fine \"now\""},
        {"id": "00000000-0000-4000-8000-000000000004", "origin": "site", "state": "cancelled",
         "item": {"form": "assessments", "group": "assessment", "row": 3,
                  "item": "assessment_date"}, "text": "Which visit?", **raised,
         "closed_at": "2026-11-24T08:00:00.000003Z", "note": "raised in error"},
    ]  # fmt: skip
    return {**record, "queries": queries}


def _schema_errors(schema: xmlschema.XMLSchema, payload: bytes) -> list[str]:
    return [str(e)[:300] for e in schema.iter_errors(payload.decode("utf-8"))][:3]


def _cases(examples: dict[str, Record], *names: str) -> list[OdmCase]:
    return [OdmCase(examples[n], _audits(examples[n], 1000 * i)) for i, n in enumerate(names)]


# --- writing and reading back ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["complete", "empty", "gaps", "answers"])
def test_each_example_is_schema_valid_and_reads_back_exactly(
    name: str, examples: dict[str, Record], schema: xmlschema.XMLSchema
) -> None:
    payload = write_odm(DEFINITION, FIRST, _cases(examples, name), USERS)
    assert payload.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert _schema_errors(schema, payload) == []
    document = read_odm(payload, DEFINITION)
    assert document.records == [examples[name]]
    assert [record_sha256(r) for r in document.records] == [record_sha256(examples[name])]
    assert (document.file_oid, document.prior_file_oid) == ("BATCH.FR-086.000001", None)
    assert (document.created_at, document.site_id) == ("2026-11-21T10:00:00Z", "FR-086")
    assert document.metadata_version_oid == "MDV.cml-ifp-1.0"


def test_a_batch_of_every_example_with_a_signature(
    examples: dict[str, Record], schema: xmlschema.XMLSchema
) -> None:
    cases = _cases(examples, "gaps", "complete", "empty", "answers")
    cases[1] = OdmCase(signed(cases[1].record), cases[1].audits)
    payload = write_odm(DEFINITION, INFO, cases, USERS)
    assert _schema_errors(schema, payload) == []
    document = read_odm(payload, DEFINITION)
    assert document.records == [c.record for c in cases]  # in document order
    assert signature_problem(document.records[1]) is None  # the signature holds as read
    assert document.prior_file_oid == "BATCH.FR-086.000011"
    root = safe_fromstring(payload)
    signature = root.find(f".//{NS}SubjectData/{NS}Signature")
    assert signature is not None
    sig_ref = signature.find(f"{NS}SignatureRef")
    assert sig_ref is not None
    definition = root.find(f"{NS}AdminData/{NS}SignatureDef")
    assert definition is not None and definition.get("OID") == sig_ref.get("SignatureOID")
    assert definition.findtext(f"{NS}Meaning") == MEANING
    assert signature.findtext(f"{NS}DateTimeStamp") == "2026-11-21T09:59:00.123456Z"
    user_ref = signature.find(f"{NS}UserRef")
    assert user_ref is not None and user_ref.get("UserOID") == "USR.admin"
    binding = signature.find(f"{CML}SignatureBinding")
    assert binding is not None
    record_signature = cases[1].record["signature"]
    assert binding.attrib == {
        "PrintedName": "Ada Admin",
        "Role": "pi",
        "ContentSHA256": record_signature["content_sha256"],
        "BindingSHA256": record_signature["binding_sha256"],
    }
    # The printed name of every person named is in AdminData (FullName).
    users = {
        u.get("OID"): u.findtext(f"{NS}FullName") for u in root.iterfind(f"{NS}AdminData/{NS}User")
    }
    # Only people named in the file are declared: carol is in no audit row.
    assert users == {"USR.admin": "Ada Admin", "USR.nina": "Nina Nürse <&>"}


def test_queries_and_the_signature_binding_travel_exactly_in_the_extension(
    examples: dict[str, Record], schema: xmlschema.XMLSchema, plain_schema: xmlschema.XMLSchema
) -> None:
    record = queried(signed(examples["answers"]))
    payload = write_odm(DEFINITION, INFO, [OdmCase(record, _audits(record))], USERS)
    assert _schema_errors(schema, payload) == []
    # Plain ODM 1.3.2 has no place for them: the extended schema is what makes them valid.
    assert any(
        "SignatureBinding" in e or "Query" in e for e in _schema_errors(plain_schema, payload)
    )
    [read] = read_odm(payload, DEFINITION).records
    assert read == record
    assert record_sha256(read) == record_sha256(record)
    root = safe_fromstring(payload)
    assert root.get("xmlns:cml") is None  # a namespace declaration, not an attribute
    queries = root.findall(f"{NS}ClinicalData/{NS}SubjectData/{CML}Query")
    assert [(q.get("ID")[-1], q.get("State"), q.get("Origin")) for q in queries] == [
        ("1", "open", "registry"),
        ("2", "answered", "registry"),
        ("3", "closed", "site"),
        ("4", "cancelled", "site"),
    ]
    answered = queries[1]
    assert {
        k: answered.get(k) for k in ("FormOID", "ItemGroupOID", "ItemGroupRepeatKey", "ItemOID")
    } == {
        "FormOID": "F.diagnosis",
        "ItemGroupOID": "IG.baseline",
        "ItemGroupRepeatKey": "1",
        "ItemOID": "I.platelets",
    }
    assert [child.tag for child in answered] == [f"{CML}Raised", f"{CML}Answered"]
    answer = answered.find(f"{CML}Answered")
    assert answer is not None and answer.get("Text") == "Checked\r\nagain:\tsame"
    raised = queries[0].find(f"{CML}Raised")
    assert raised is not None and raised.get("Text") == SPECIAL  # carriage return and all
    cancelled = queries[3].find(f"{CML}Closed")
    assert cancelled is not None and cancelled.attrib == {
        "At": "2026-11-24T08:00:00.000003Z",
        "Note": "raised in error",
    }
    # Queries are not signed content: the signature still holds with them.
    assert signature_problem(read) is None


def test_a_signature_that_does_not_hold_is_read_and_found_out(
    examples: dict[str, Record],
) -> None:
    """The reader gives back what the file says; :func:`signature_problem` judges it."""
    record = signed(examples["complete"])
    changed = {**record, "forms": {**record["forms"]}}
    del changed["forms"]["patient"]
    other = {**record, "id": examples["answers"]["id"]}
    renamed = {**record, "signature": {**record["signature"], "printed_name": "Somebody Else"}}
    found = {}
    for name, case in (("changed", changed), ("moved", other), ("renamed", renamed)):
        [read] = read_odm(
            write_odm(DEFINITION, FIRST, [OdmCase(case, {})], USERS), DEFINITION
        ).records
        assert read == case
        found[name] = signature_problem(read)
    assert found["changed"] is not None and "signed content" in found["changed"]
    # The case's ID is signed content: a signature moved to another case fails there.
    assert found["moved"] is not None and "signed content" in found["moved"]
    assert found["renamed"] is not None and "binding" in found["renamed"]


def test_odmlib_finds_no_fault_in_order_or_oid_references(examples: dict[str, Record]) -> None:
    cases = _cases(examples, "complete", "answers")
    cases[0] = OdmCase(signed(cases[0].record), cases[0].audits)
    payload = write_odm(DEFINITION, INFO, cases, USERS)
    loader = ODMLoader(
        XMLODMLoader(model_package="odm_1_3_2", ns_uri="http://www.cdisc.org/ns/odm/v1.3")
    )
    loader.create_document_from_string(payload.decode("utf-8"))
    document = loader.load_odm()
    assert document.validate(collect_errors=True, oid_checker=create_oid_checker("odm_1_3_2")) == []


def test_the_mapping_of_answers_audits_and_statuses(examples: dict[str, Record]) -> None:
    record = examples["answers"]
    audits = _audits(record)
    root = safe_fromstring(write_odm(DEFINITION, INFO, [OdmCase(record, audits)], USERS))
    assert {k: root.get(k) for k in ("FileType", "Granularity", "ODMVersion", "SourceSystem")} == {
        "FileType": "Transactional",
        "Granularity": "SingleSite",
        "ODMVersion": "1.3.2",
        "SourceSystem": "cmlentry",
    }
    subject = root.find(f"{NS}ClinicalData/{NS}SubjectData")
    assert subject is not None
    assert (subject.get("SubjectKey"), subject.get("TransactionType")) == (record["id"], "Upsert")
    assert subject.findtext(f"{NS}Annotation/{NS}Flag/{NS}FlagValue") == "draft"
    site_ref = subject.find(f"{NS}SiteRef")
    assert site_ref is not None and site_ref.get("LocationOID") == "LOC.FR-086"
    items = {i.get("ItemOID"): i for i in subject.iter(f"{NS}ItemData")}
    wbc = items["I.wbc"]
    assert (wbc.get("IsNull"), wbc.get("Value")) == ("Yes", None)
    flags = {f.get("CodeListOID"): f.text for f in wbc.iter(f"{NS}FlagValue")}
    assert flags == {"CL.MISSING": "UNK", "CL.OVERRIDE": "OVERRIDDEN"}
    assert wbc.findtext(f"{NS}Annotation/{NS}Comment") == "not in the chart"
    assert items["I.prospective_study_name"].get("Value") == SPECIAL.strip()
    assert items["I.haemoglobin"].get("Value") == "eleven"
    for oid, element in items.items():
        key = next(k for k in audits if f"I.{k[3]}" == oid)
        audit = audits[key]
        user_ref = element.find(f"{NS}AuditRecord/{NS}UserRef")
        assert user_ref is not None and user_ref.get("UserOID") == f"USR.{audit.username}"
        assert element.findtext(f"{NS}AuditRecord/{NS}DateTimeStamp") == audit.at_utc
        assert element.findtext(f"{NS}AuditRecord/{NS}SourceID") == str(audit.audit_seq)
        assert element.findtext(f"{NS}AuditRecord/{NS}ReasonForChange") == audit.reason
    form = subject.find(f".//{NS}FormData[@FormOID='F.diagnosis']")
    assert form is not None
    form_flags = {
        f.get("CodeListOID"): f.text for f in form.iterfind(f"{NS}Annotation//{NS}FlagValue")
    }
    assert form_flags == {"CL.FORM_STATUS": "draft", "CL.DEFINITION_VERSION": "1.0"}


def test_row_keys_travel_as_repeat_keys_in_shown_order(examples: dict[str, Record]) -> None:
    root = safe_fromstring(write_odm(DEFINITION, INFO, _cases(examples, "gaps"), USERS))
    keys = [g.get("ItemGroupRepeatKey") for g in root.iter(f"{NS}ItemGroupData")]
    assert keys == ["3", "4", "1"]
    complete = safe_fromstring(write_odm(DEFINITION, INFO, _cases(examples, "complete"), USERS))
    single = complete.find(f".//{NS}ItemGroupData[@ItemGroupOID='IG.patient']")
    assert single is not None and single.get("ItemGroupRepeatKey") == "1"


def test_what_xml_cannot_carry_is_refused_at_the_site(examples: dict[str, Record]) -> None:
    record = examples["answers"]
    broken = {**record, "forms": {**record["forms"]}}
    patient = broken["forms"]["patient"] = {**record["forms"]["patient"]}
    row = {"key": 1, "values": {"prospective_study_name": {"value": "SECRET\x0bname"}}}
    patient["groups"] = {"patient": [row]}
    with pytest.raises(RecordNotExportable) as caught:
        write_odm(DEFINITION, INFO, [OdmCase(broken, {})], USERS)
    assert record["id"] in caught.value.message
    assert "prospective_study_name" in caught.value.message
    assert "SECRET" not in caught.value.message


# --- hostile and malformed documents ------------------------------------------------------------


@pytest.fixture(scope="module")
def valid(examples: dict[str, Record]) -> bytes:
    reviewed = queried(signed(examples["complete"]))
    cases = [*_cases(examples, "answers", "gaps"), OdmCase(reviewed, _audits(reviewed, 5000))]
    return write_odm(DEFINITION, INFO, cases, USERS)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3">&lol3;</ODM>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE ODM [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3">&xxe;</ODM>"""


@pytest.mark.parametrize(
    "payload",
    [BILLION_LAUGHS, EXTERNAL, b'<!DOCTYPE ODM SYSTEM "http://example.org/odm.dtd"><ODM/>'],
    ids=["billion laughs", "external entity", "external DTD"],
)
def test_dtds_and_entities_are_unsafe(payload: bytes) -> None:
    with pytest.raises(PayloadUnsafe) as caught:
        read_odm(payload, DEFINITION, file="FR-086-000012.cmlbatch")
    assert caught.value.code == "batch.payload_unsafe"
    assert caught.value.message.startswith("FR-086-000012.cmlbatch ")


def test_a_dtd_inside_a_valid_document_is_unsafe(valid: bytes) -> None:
    declaration, rest = valid.split(b"\n", 1)
    with pytest.raises(PayloadUnsafe):
        read_odm(declaration + b"\n<!DOCTYPE ODM>" + rest, DEFINITION)


def _first(valid: bytes, start: bytes) -> bytes:
    """The first element (as written) of ``valid`` that begins with ``start``."""
    index = valid.index(start)
    return valid[index : valid.index(b">", index) + 1]


FAULTS: dict[str, tuple[str, str, str]] = {
    # name: (old text, new text, what the sentence must name)
    "another namespace": ("odm/v1.3", "odm/v1.2", "not a CDISC ODM"),
    "a snapshot": ('FileType="Transactional"', 'FileType="Snapshot"', "FileType is not"),
    "all sites": ('Granularity="SingleSite"', 'Granularity="All"', "Granularity is not"),
    "ODM 1.3.1": ('ODMVersion="1.3.2"', 'ODMVersion="1.3.1"', "ODMVersion is not"),
    "no FileOID": ('FileOID="BATCH.FR-086.000012" ', "", "FileOID missing"),
    "another definition": (
        'MetaDataVersionOID="MDV.cml-ifp-1.0"',
        'MetaDataVersionOID="MDV.x"',
        "ClinicalData: the data are not for ST.cml-ifp MDV.cml-ifp-1.0",
    ),
    "unknown form": ('FormOID="F.diagnosis"', 'FormOID="F.nope"', "unknown form F.nope"),
    "item of another group": ('ItemOID="I.wbc"', 'ItemOID="I.sex"', "unknown item I.sex"),
    "not canonical": ('Value="1955"', 'Value="01955"', "canonical form"),
    "unknown missing code": (">UNK<", ">SECRET<", "missing-data code"),
    "null with a value": ('IsNull="Yes"', 'IsNull="Yes" Value="SECRET"', "a null answer"),
    "bad repeat key": ('ItemGroupRepeatKey="3"', 'ItemGroupRepeatKey="03"', "repeat key"),
    "row twice": ('ItemGroupRepeatKey="4"', 'ItemGroupRepeatKey="3"', "row 3 appears twice"),
    "second row of a single group": (
        'ItemGroupOID="IG.baseline" ItemGroupRepeatKey="1"',
        'ItemGroupOID="IG.baseline" ItemGroupRepeatKey="2"',
        "its one row is row 1",
    ),
    "undeclared site": (
        '<SiteRef LocationOID="LOC.FR-086"',
        '<SiteRef LocationOID="LOC.FR-087"',
        "not declared",
    ),
    "undeclared user": (
        '<UserRef UserOID="USR.nina"',
        '<UserRef UserOID="USR.eve"',
        "USR.eve is not declared",
    ),
    "text between elements": ("<ItemData ", "SECRET<ItemData ", "text where only elements belong"),
    "unknown element": ("<SiteRef ", "<Secret/><SiteRef ", "an unexpected element"),
    "bad case status": (">draft</FlagValue>", ">gone</FlagValue>", "case status"),
    "no transaction type": (' TransactionType="Upsert"', "", "TransactionType missing"),
    "override without its reason": (
        '<Comment SponsorOrSite="Site">not in the chart</Comment>',
        "",
        "an override needs",
    ),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_structural_faults_are_invalid_and_named(name: str, valid: bytes) -> None:
    old, new, named = FAULTS[name]
    # The first occurrence in the clinical data if there is one (the metadata names every OID).
    at = valid.find(old.encode(), valid.index(b"<ClinicalData"))
    at = valid.index(old.encode()) if at < 0 else at
    broken = valid[:at] + new.encode() + valid[at + len(old.encode()) :]
    with pytest.raises(PayloadInvalid) as caught:
        read_odm(broken, DEFINITION, file="b.cmlbatch")
    assert named in caught.value.message
    assert "SECRET" not in caught.value.message and "eleven" not in caught.value.message
    assert caught.value.code == "batch.payload_invalid"


def _query(valid: bytes, n: int) -> tuple[int, int]:
    """Where the ``n``-th ``cml:Query`` element of ``valid`` starts and ends."""
    start = -1
    for _ in range(n):
        start = valid.index(b"<cml:Query ", start + 1)
    return start, valid.index(b"</cml:Query>", start) + len(b"</cml:Query>")


def _edit_query(n: int, old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(valid: bytes) -> bytes:
        start, end = _query(valid, n)
        part = valid[start:end]
        assert old in part
        return valid[:start] + part.replace(old, new, 1) + valid[end:]

    return edit


def _drop_binding(valid: bytes) -> bytes:
    start = valid.index(b"<cml:SignatureBinding ")
    return valid[:start] + valid[valid.index(b"/>", start) + 2 :]


def _drop_answer_of_2(valid: bytes) -> bytes:
    start, end = _query(valid, 2)
    answer = valid.index(b"<cml:Answered ", start, end)
    return valid[:answer] + valid[valid.index(b"/>", answer) + 2 :]


def _query_twice(valid: bytes) -> bytes:
    start, end = _query(valid, 1)
    return valid[:end] + valid[start:end] + valid[end:]


EXTENSION_FAULTS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "no signature binding": (_drop_binding, "cml:SignatureBinding missing"),
    "a binding attribute more": (
        lambda v: v.replace(b"<cml:SignatureBinding ", b'<cml:SignatureBinding SECRET="1" ', 1),
        "an unexpected attribute",
    ),
    "a binding hash not hex": (
        lambda v: v.replace(b'ContentSHA256="', b'ContentSHA256="SECRET', 1),
        "content_sha256 is not 64 lower-case hex digits",
    ),
    "an unknown role": (lambda v: v.replace(b'Role="pi"', b'Role="SECRET"', 1), "the role"),
    "an unknown query item": (
        _edit_query(1, b'ItemOID="I.platelets"', b'ItemOID="I.SECRET"'),
        "a form, group or item the definition has not",
    ),
    "an item of another group": (
        _edit_query(1, b'ItemOID="I.platelets"', b'ItemOID="I.sex"'),
        "is not in group 'baseline'",
    ),
    "an unknown state": (_edit_query(1, b'State="open"', b'State="SECRET"'), "the state"),
    "an unknown origin": (
        _edit_query(1, b'Origin="registry"', b'Origin="SECRET"'),
        "the origin",
    ),
    "an id that is no UUID": (
        _edit_query(1, b'ID="00000000-0000-4000-8000-000000000001"', b'ID="SECRET"'),
        "not a lower-case UUID",
    ),
    "a repeat key 01": (
        _edit_query(1, b'ItemGroupRepeatKey="1"', b'ItemGroupRepeatKey="01"'),
        "positive whole number",
    ),
    "a second row of a single group": (
        _edit_query(1, b'ItemGroupRepeatKey="1"', b'ItemGroupRepeatKey="2"'),
        "its row is not a row of group",
    ),
    "answered without its answer": (_drop_answer_of_2, "an answered query has an answer"),
    "an open query closed": (
        _edit_query(1, b'State="open"', b'State="answered"'),
        "an answered query has an answer",
    ),
    "a question without text": (
        _edit_query(1, b' Text="', b' Tex="'),
        "attribute Text missing",
    ),
    "an empty question": (
        _edit_query(2, b'Text="Platelets &gt; 1500?"', b'Text=""'),
        "the question is empty",
    ),
    "a time that is not UTC": (
        _edit_query(2, b'At="2026-11-22T08:00:00.000001Z"', b'At="2026-11-22 08:00"'),
        "not a UTC time",
    ),
    "a query twice": (_query_twice, "appears twice"),
    "an unknown extension element": (
        lambda v: v.replace(b"<cml:Query ", b"<cml:SECRET/><cml:Query ", 1),
        "an unexpected element",
    ),
    "a query inside the study event": (
        lambda v: v.replace(b"</StudyEventData><cml:Query ", b"<cml:Query ", 1).replace(
            b"</cml:Query></SubjectData>", b"</cml:Query></StudyEventData></SubjectData>", 1
        ),
        "unexpected element",
    ),
    "text in a query": (_edit_query(1, b"><cml:Raised ", b">SECRET<cml:Raised "), "text where"),
}


@pytest.mark.parametrize("name", sorted(EXTENSION_FAULTS))
def test_faults_of_the_extension_are_invalid_and_named(name: str, valid: bytes) -> None:
    edit, named = EXTENSION_FAULTS[name]
    broken = edit(valid)
    assert broken != valid
    with pytest.raises(PayloadInvalid) as caught:
        read_odm(broken, DEFINITION, file="b.cmlbatch")
    assert named in caught.value.message
    for secret in ("SECRET", "Platelets", "Checked", "Cora"):
        assert secret not in caught.value.message


def test_a_duplicate_subject_is_invalid(examples: dict[str, Record]) -> None:
    cases = _cases(examples, "gaps")
    payload = write_odm(DEFINITION, INFO, cases, USERS)
    start = payload.index(b"<SubjectData ")
    end = payload.index(b"</SubjectData>") + len(b"</SubjectData>")
    doubled = payload[:end] + payload[start:end] + payload[end:]
    with pytest.raises(PayloadInvalid, match="appears twice"):
        read_odm(doubled, DEFINITION)


def test_too_many_elements_and_broken_xml_are_invalid(valid: bytes) -> None:
    with pytest.raises(PayloadInvalid, match="more than 100 XML elements"):
        read_odm(valid, DEFINITION, max_elements=100)
    with pytest.raises(PayloadInvalid, match="not well-formed"):
        read_odm(valid[: len(valid) // 2], DEFINITION)
    with pytest.raises(PayloadInvalid, match="not well-formed"):
        read_odm(b"", DEFINITION)
    with pytest.raises(PayloadInvalid, match=r"not a CDISC ODM 1\.3 document"):
        read_odm(b"<ODM/>", DEFINITION)


def test_a_payload_in_another_encoding_is_invalid(valid: bytes) -> None:
    """Found by the mutation run: the same records in UTF-16 or Latin-1 were read; the format
    says UTF-8, and expat would follow a declared encoding or guess UTF-16 from NUL bytes."""
    text = valid.decode("utf-8")
    utf16 = text.replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
    latin1 = text.replace("encoding='UTF-8'", "encoding='ISO-8859-1'").encode("latin-1", "replace")
    undeclared16 = text.split("?>", 1)[1].encode("utf-16-le")
    for payload in (utf16, latin1, undeclared16):
        with pytest.raises(PayloadInvalid, match="UTF-8"):
            read_odm(payload, DEFINITION)
    assert read_odm(valid, DEFINITION).records  # the UTF-8 original is read


# --- any bytes at all ---------------------------------------------------------------------------


def _read_or_refuse(payload: bytes) -> None:
    with contextlib.suppress(PayloadInvalid, PayloadUnsafe):
        read_odm(payload, DEFINITION)


ODM_START = b'<?xml version="1.0"?><ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" '


@settings(max_examples=300, deadline=None)
@given(
    payload=st.binary(max_size=3000)
    | st.text(max_size=2000).map(str.encode)
    | st.binary(max_size=500).map(lambda tail: ODM_START + tail)
)
def test_random_bytes_give_only_the_two_refusals(payload: bytes) -> None:
    _read_or_refuse(payload)


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "delete", "insert", "duplicate"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.binary(min_size=1, max_size=12)
        | st.sampled_from(
            [b"<", b">", b'"', b"&", b"&amp;", b"<!DOCTYPE x>", b"</ItemData>", b"/>"]
        ),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations=MUTATIONS)
def test_mutations_of_a_valid_document_give_only_the_two_refusals(
    mutations: list[tuple[str, float, bytes]], valid: bytes
) -> None:
    # Mostly in the clinical data, where the reader looks hardest.
    start = valid.index(b"<AdminData")
    payload = bytearray(valid)
    for kind, where, data in mutations:
        at = start + int(where * (len(payload) - start))
        if kind == "flip":
            payload[at] ^= data[0] or 1
        elif kind == "delete":
            del payload[at : at + len(data)]
        elif kind == "insert":
            payload[at:at] = data
        else:
            payload[at:at] = payload[at : at + 40 * len(data)]
    _read_or_refuse(bytes(payload))


ATTRIBUTES = ["ItemOID", "Value", "IsNull", "ItemGroupRepeatKey", "SubjectKey", "SeqNum", "OID"]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["set", "drop", "remove", "copy", "text"]),
            st.integers(min_value=0),
            st.sampled_from(ATTRIBUTES),
            st.text(max_size=8),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_element_level_changes_give_a_record_or_the_two_refusals(
    changes: list[tuple[str, int, str, str]], valid: bytes
) -> None:
    root = safe_fromstring(valid)
    clinical = root.find(f"{NS}ClinicalData")
    assert clinical is not None
    for kind, index, attribute, text in changes:
        elements = list(_with_parents(clinical))
        element, parent = elements[index % len(elements)]
        if kind == "set":
            element.set(attribute, text)
        elif kind == "drop":
            element.attrib.pop(attribute, None)
        elif kind == "remove" and parent is not None:
            parent.remove(element)
        elif kind == "copy" and parent is not None:
            parent.append(element)
        elif kind == "text":
            element.text = text
    try:
        document = read_odm(ET.tostring(root, encoding="utf-8"), DEFINITION)
    except (PayloadInvalid, PayloadUnsafe):
        return
    assert [r["id"] for r in document.records]  # what is read is a whole record


def _with_parents(
    element: ET.Element, parent: ET.Element | None = None
) -> Iterator[tuple[ET.Element, ET.Element | None]]:
    yield element, parent
    for child in element:
        yield from _with_parents(child, element)
