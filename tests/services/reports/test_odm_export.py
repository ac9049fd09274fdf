"""The ODM export of the central data: one Snapshot document of the registry's current records,
valid against ODM 1.3.2 with cmlentry's extension, read back by the batch reader to exactly the
records the store holds, on SQLCipher and PostgreSQL (the registry of test_registry_report.py).
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from defusedxml.ElementTree import (  # type: ignore[import-untyped, unused-ignore]
    fromstring as safe_fromstring,
)
from odmlib.loader import ODMLoader
from odmlib.odm_loader import XMLODMLoader
from odmlib.oid_generator import create_oid_checker
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.errors import Cancelled
from cmlentry.services.batches.export import ExportService
from cmlentry.services.batches.odm_extension import CML_NS
from cmlentry.services.batches.odm_read import read_odm
from cmlentry.services.batches.record import (
    Record,
    binding_sha256,
    content_sha256,
    signature_problem,
)
from cmlentry.services.cases import CaseService
from cmlentry.services.queries import QueryService
from cmlentry.services.registry.errors import UnknownCentre
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import create_registry
from cmlentry.services.reports.odm_export import (
    ATTEMPTS,
    OdmDataChanging,
    OdmExportResult,
    OdmRecordNotExportable,
    write_central_odm,
)
from cmlentry.services.reports.registry_report import RegistryReportService, ReportNeedsRegistry
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress
from cmlentry.services.spreadsheet import TargetExists
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.central.models import CaseVersion, CentralCase
from cmlentry.storage.central.store import CentralStore
from tests.batch_world import COORDINATOR, PASSWORD, PI, World, make_world, sign_cases
from tests.conftest import FakeClock
from tests.services.batches.test_odm import plain_schema, schema  # noqa: F401  (fixtures)
from tests.services.reports.kit import DEFINITION
from tests.services.reports.test_registry_report import Registry, registry  # noqa: F401

pytestmark = pytest.mark.timeout(300)

NS = "{http://www.cdisc.org/ns/odm/v1.3}"
CML = f"{{{CML_NS}}}"
QUERY_TEXT = 'Platelets <1650> & "rising"?\r\nSee the lab\'s fax — 日本語 😀\tthanks'


def export(
    service: RegistryReportService, path: Path, centres: Sequence[str] = ()
) -> tuple[OdmExportResult, bytes]:
    result = write_central_odm(service, path, centres=centres)
    return result, path.read_bytes()


def current(service: RegistryReportService, centres: Sequence[str] = ()) -> list[Record]:
    """The store's current records, read as the report reads them."""
    return [dict(c.record) for c in service.records(centres=centres)]


def errors(against: xmlschema.XMLSchema, data: bytes) -> list[str]:
    return [str(e)[:300] for e in against.iter_errors(data.decode("utf-8"))][:3]


# --- reading the export back with the batch reader ----------------------------------------------


def as_batches(data: bytes) -> dict[str, bytes]:
    """The export cut into one batch payload per centre, for :func:`read_odm`.

    Only what a Snapshot of several sites must say differently from a batch is put back:
    FileType and Granularity (and the root attributes a batch has not), ``TransactionType``,
    which a Snapshot leaves out, and people's OIDs, which name their centre (``USR.FR-086.pia``
    becomes ``USR.pia``, and only in that centre's own subjects and users: a reference to
    another centre's person stays as it is, and the reader refuses it).
    """
    root = safe_fromstring(data)
    admin = root.find(f"{NS}AdminData")
    clinical = root.find(f"{NS}ClinicalData")
    assert admin is not None and clinical is not None
    batches = {}
    for location in admin.iterfind(f"{NS}Location"):
        centre = location.attrib["OID"].removeprefix("LOC.")
        batch = ET.Element(root.tag, {k: v for k, v in root.attrib.items() if k in _KEPT})
        batch.attrib.update(FileType="Transactional", Granularity="SingleSite")
        batch.append(root.find(f"{NS}Study"))
        batch_admin = ET.SubElement(batch, admin.tag)
        for user in admin.iterfind(f"{NS}User"):
            refs = user.findall(f"{NS}LocationRef")
            if [r.attrib["LocationOID"] for r in refs] == [location.attrib["OID"]]:
                person = copy.deepcopy(user)
                for ref in person.findall(f"{NS}LocationRef"):
                    person.remove(ref)
                _rename(person, "OID", centre)
                batch_admin.append(person)
        batch_admin.append(location)
        batch_admin.extend(admin.iterfind(f"{NS}SignatureDef"))
        batch_clinical = ET.SubElement(batch, clinical.tag, clinical.attrib)
        for subject in clinical.iterfind(f"{NS}SubjectData"):
            site = subject.find(f"{NS}SiteRef")
            if site is not None and site.attrib["LocationOID"] == location.attrib["OID"]:
                assert "TransactionType" not in subject.attrib
                case = copy.deepcopy(subject)
                case.set("TransactionType", "Upsert")
                for ref in case.iterfind(f"{NS}Signature/{NS}UserRef"):
                    _rename(ref, "UserOID", centre)
                batch_clinical.append(case)
        batches[centre] = ET.tostring(batch, encoding="unicode").encode("utf-8")
    return batches


_KEPT = {"FileOID", "CreationDateTime", "ODMVersion", "SourceSystem", "SourceSystemVersion"}


def _rename(element: ET.Element, attribute: str, centre: str) -> None:
    oid = element.attrib[attribute]
    if oid.startswith(f"USR.{centre}."):
        element.set(attribute, "USR." + oid.removeprefix(f"USR.{centre}."))


def read_back(data: bytes) -> dict[str, list[Record]]:
    """Every centre's records, as the batch reader rebuilds them from the export."""
    return {
        centre: read_odm(batch, DEFINITION, file="the ODM export").records
        for centre, batch in as_batches(data).items()
    }


def odmlib_faults(data: bytes) -> list[Any]:
    """odmlib's own check of element order and OID references (every ref declared)."""
    loader = ODMLoader(
        XMLODMLoader(model_package="odm_1_3_2", ns_uri="http://www.cdisc.org/ns/odm/v1.3")
    )
    loader.create_document_from_string(data.decode("utf-8"))
    return loader.load_odm().validate(  # type: ignore[no-any-return]
        collect_errors=True, oid_checker=create_oid_checker("odm_1_3_2")
    )


# --- the registry of test_registry_report.py (both backends) ------------------------------------


@pytest.fixture
def service(registry: Registry) -> Iterator[RegistryReportService]:  # noqa: F811
    with registry.world.registry() as ws:
        yield RegistryReportService(ws, registry.store, chunk=3)


def test_the_file_is_valid_odm_and_reads_back_to_exactly_the_current_records(
    registry: Registry,  # noqa: F811
    service: RegistryReportService,
    schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    steps: list[tuple[int, int]] = []
    path = tmp_path / "registry.odm.xml"
    result = write_central_odm(service, path, progress=lambda d, t: steps.append((d, t)))
    data = path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<ODM ")
    assert errors(schema, data) == []
    assert odmlib_faults(data) == []

    stored = current(service)
    assert len(stored) == 8
    assert read_back(data) == {
        "DE-012": [r for r in stored if r["id"].startswith("DE-012")],
        "FR-086": [r for r in stored if r["id"].startswith("FR-086")],
    }
    # ... which are the records the sites sent (the fixture's own copy of them).
    assert [r["forms"] for r in stored] == [c.record["forms"] for c in registry.all_sent()]

    root = safe_fromstring(data)
    assert {k: root.get(k) for k in ("FileType", "Granularity", "ODMVersion", "AsOfDateTime")} == {
        "FileType": "Snapshot",
        "Granularity": "All",
        "ODMVersion": "1.3.2",
        "AsOfDateTime": "2026-11-21T09:00:00.000000Z",
    }
    assert (root.get("FileOID"), root.get("CreationDateTime")) == (
        result.file_oid,
        result.created_at,
    )
    locations = {
        loc.get("OID"): loc.get("Name") for loc in root.iterfind(f"{NS}AdminData/{NS}Location")
    }
    assert locations == {"LOC.DE-012": "Universitätsklinikum Test", "LOC.FR-086": "CHU de Test"}
    subjects = root.findall(f"{NS}ClinicalData/{NS}SubjectData")
    assert [s.get("SubjectKey") for s in subjects] == [r["id"] for r in stored]
    for subject in subjects:
        site = subject.find(f"{NS}SiteRef")
        key = str(subject.get("SubjectKey"))
        assert site is not None and site.get("LocationOID") == f"LOC.{key[:6]}"
    assert not list(root.iter(f"{NS}AuditRecord"))  # the registry keeps no per-answer audit
    assert (result.cases, result.centres, result.size) == (8, ("DE-012", "FR-086"), len(data))
    assert (result.signed, result.queries) == (0, 0)
    assert steps[0] == (0, 8) and steps[-1] == (8, 8)


def test_a_centre_filter_writes_that_centre_only(
    service: RegistryReportService,
    schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    result, data = export(service, tmp_path / "ulm.xml", ["DE-012"])
    assert errors(schema, data) == []
    assert read_back(data) == {"DE-012": current(service, ["DE-012"])}
    assert (result.cases, result.centres) == (4, ("DE-012",))
    with pytest.raises(UnknownCentre):
        write_central_odm(service, tmp_path / "none.xml", centres=["IT-001"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ulm.xml"]


def _signed(record: Record, printed: str, at: str) -> Record:
    """``record`` signed by ``pia`` with a signature that holds, as the review service signs."""
    content = content_sha256(record)
    signature = {
        "username": PI,
        "printed_name": printed,
        "role": "pi",
        "meaning": MEANING_APPROVAL,
        "signed_at": at,
        "content_sha256": content,
        "binding_sha256": binding_sha256(record["id"], PI, printed, at, MEANING_APPROVAL, content),
    }
    return {**record, "status": "signed", "signature": signature}


def test_the_same_user_name_at_two_centres_is_two_people(
    registry: Registry,  # noqa: F811
    service: RegistryReportService,
    schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Each site has its own accounts: Ulm's ``pia`` is not Lyon's. A person who signed under
    two printed names (she married) is named by her latest signature; each signature keeps
    its own printed name in its binding."""
    ulm, lyon = current(service, ["DE-012"]), current(service, ["FR-086"])
    signing = {
        ulm[0]["id"]: _signed(ulm[0], "Pia Ulmer", "2026-05-01T10:00:00.000000Z"),
        lyon[0]["id"]: _signed(lyon[0], "Pia Old", "2026-05-01T10:00:00.000000Z"),
        lyon[1]["id"]: _signed(lyon[1], "Pia New", "2026-06-01T10:00:00.000000Z"),
    }
    restores = [_kept(registry.store, registry_id) for registry_id in signing]
    try:
        for registry_id, record in signing.items():
            _put(registry.store, registry_id, record)
        result, data = export(service, tmp_path / "signed.xml")
        stored = current(service)
    finally:
        for restore in restores:
            restore()
    assert errors(schema, data) == []
    assert odmlib_faults(data) == []
    assert read_back(data) == {
        "DE-012": [r for r in stored if r["id"].startswith("DE-012")],
        "FR-086": [r for r in stored if r["id"].startswith("FR-086")],
    }
    assert [r["signature"]["printed_name"] for r in stored if "signature" in r] == [
        "Pia Ulmer",
        "Pia Old",
        "Pia New",
    ]
    root = safe_fromstring(data)
    users = {
        u.get("OID"): (
            u.findtext(f"{NS}LoginName"),
            u.findtext(f"{NS}FullName"),
            [r.get("LocationOID") for r in u.iterfind(f"{NS}LocationRef")],
        )
        for u in root.iterfind(f"{NS}AdminData/{NS}User")
    }
    assert users == {
        "USR.DE-012.pia": ("pia", "Pia Ulmer", ["LOC.DE-012"]),
        "USR.FR-086.pia": ("pia", "Pia New", ["LOC.FR-086"]),
    }
    signers = {
        s.get("SubjectKey"): s.find(f"{NS}Signature/{NS}UserRef").get("UserOID")
        for s in root.iterfind(f".//{NS}SubjectData")
        if s.find(f"{NS}Signature") is not None
    }
    assert signers == {
        ulm[0]["id"]: "USR.DE-012.pia",
        lyon[0]["id"]: "USR.FR-086.pia",
        lyon[1]["id"]: "USR.FR-086.pia",
    }
    assert result.signed == 3
    assert all(signature_problem(r) is None for r in stored if "signature" in r)


def _answer(text: str) -> Callable[[Record], str]:
    def damage(record: Record) -> str:
        row = record["forms"]["patient"]["groups"]["patient"][0]
        row["values"]["prospective_study_name"] = {"value": text}
        return "prospective_study_name"

    return damage


def _version_not_text(record: Record) -> str:
    record["forms"]["patient"]["version"] = 10  # the first pass cannot declare it either
    return "definition version"


@pytest.mark.parametrize(
    "damage",
    [_answer("SECRET\x0bname"), _answer("SECRET\ud800name"), _version_not_text],
    ids=["control-character", "lone-surrogate", "version-not-text"],
)
def test_a_stored_record_an_odm_file_cannot_carry_is_refused_naming_the_case(
    registry: Registry,  # noqa: F811
    service: RegistryReportService,
    tmp_path: Path,
    damage: Callable[[Record], str],
) -> None:
    """The sites refuse such records before sending; a store holding one anyway (damage, a
    hand edit) must give neither a file that says something else nor half a file."""
    victim = current(service)[5]
    changed = copy.deepcopy(victim)
    where = damage(changed)
    restore = _kept(registry.store, victim["id"])
    _put(registry.store, victim["id"], changed)
    try:
        with pytest.raises(OdmRecordNotExportable) as caught:
            write_central_odm(service, tmp_path / "out.xml")
    finally:
        restore()
    message = caught.value.message
    assert victim["id"] in message and where in message and "FR-086" in message
    assert "SECRET" not in message
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary file left
    assert current(service)[5] == victim


def _put(store: CentralStore, registry_id: str, record: Record) -> None:
    """Put ``record`` in place of a case's current version, behind the importer's back.

    ``json.dumps`` escapes what it must, as a hand edit of the table might: the text is valid
    JSON, and any character is in the record once parsed.
    """
    with store.write() as session:
        version_id = _current_version(session, registry_id)
        session.execute(
            update(CaseVersion)
            .where(CaseVersion.id == version_id)
            .values(record=json.dumps(record, ensure_ascii=True))
        )


def _kept(store: CentralStore, registry_id: str) -> Callable[[], None]:
    """What puts a case's current version back as it is now (the module's other tests share
    this registry)."""
    with store.read() as session:
        version_id = _current_version(session, registry_id)
        text = session.get_one(CaseVersion, version_id).record

    def restore() -> None:
        with store.write() as session:
            session.execute(
                update(CaseVersion).where(CaseVersion.id == version_id).values(record=text)
            )

    return restore


def _current_version(session: Session, registry_id: str) -> int:
    query = select(CentralCase.current_version_id).where(CentralCase.registry_id == registry_id)
    version_id = session.scalars(query).one()
    assert version_id is not None
    return version_id


class ImportsBetween(RegistryReportService):
    """The real service, with the store changed each time a stream of records has been read
    to its end: as if a batch were imported between the export's two passes. Each change gives
    a case a form entered under a definition version the file has not declared yet."""

    def __init__(self, base: RegistryReportService, registry_id: str, changes: int) -> None:
        super().__init__(base.ws, base.store, chunk=base.chunk)
        self.registry_id = registry_id
        self.changes = changes
        self.made: list[str] = []

    def records(self, **kwargs: Any) -> Iterator[Any]:
        stream = super().records(**kwargs)

        def watched() -> Iterator[Any]:
            yield from stream
            if len(self.made) < self.changes:
                self.change()

        return watched()

    def change(self) -> None:
        version = f"0.{len(self.made) + 1}"
        [case] = [c for c in super().records() if c.registry_id == self.registry_id]
        record = copy.deepcopy(dict(case.record))
        record["forms"]["patient"]["version"] = version
        _put(self.store, self.registry_id, record)
        self.made.append(version)


def test_a_batch_imported_between_the_two_passes_starts_the_export_again(
    registry: Registry,  # noqa: F811
    service: RegistryReportService,
    schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    original = current(service)[2]
    restore = _kept(registry.store, original["id"])
    try:
        racing = ImportsBetween(service, original["id"], changes=1)
        result, data = export(racing, tmp_path / "raced.xml")
        assert racing.made == ["0.1"]
        assert errors(schema, data) == []
        assert result.cases == 8
        [read] = [r for rs in read_back(data).values() for r in rs if r["id"] == original["id"]]
        assert read["forms"]["patient"]["version"] == "0.1"  # the state the second pass saw
        versions = safe_fromstring(data).findall(
            f".//{NS}CodeList[@OID='CL.DEFINITION_VERSION']/{NS}CodeListItem"
        )
        assert [v.get("CodedValue") for v in versions] == ["0.1", "1.0"]
        assert read == next(r for r in current(service) if r["id"] == original["id"])

        restore()
        always = ImportsBetween(service, original["id"], changes=ATTEMPTS)
        with pytest.raises(OdmDataChanging):
            write_central_odm(always, tmp_path / "never.xml")
        assert len(always.made) == ATTEMPTS
        assert sorted(p.name for p in tmp_path.iterdir()) == ["raced.xml"]
    finally:
        restore()
    assert current(service)[2] == original


@pytest.mark.parametrize("polls", [1, 4], ids=["first-pass", "while-writing"])
def test_cancelled_or_an_existing_file_leaves_nothing_new(
    service: RegistryReportService, tmp_path: Path, polls: int
) -> None:
    """Cancelled while the records are first read (three chunks of three: three polls), or
    once the file is being written."""
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > polls

    with pytest.raises(Cancelled):
        write_central_odm(service, tmp_path / "x.xml", cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "existing.xml"
    existing.write_bytes(b"keep me")
    with pytest.raises(TargetExists):
        write_central_odm(service, existing)
    assert existing.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["existing.xml"]


def test_a_site_workspace_cannot_export_the_registry(
    registry: Registry,  # noqa: F811
    tmp_path: Path,
) -> None:
    with registry.world.site() as ws, pytest.raises(ReportNeedsRegistry):
        write_central_odm(RegistryReportService(ws, registry.store), tmp_path / "x.xml")
    assert list(tmp_path.iterdir()) == []


# --- a registry of its own: empty, then signed cases with queries (both backends) ---------------


def test_empty_registry_then_signatures_and_queries_travel_exactly(
    central_store: CentralStore,
    schema: xmlschema.XMLSchema,  # noqa: F811
    plain_schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    world, complete = make_world(tmp_path / "w", FakeClock(), cases=5, store=central_store)
    out = tmp_path / "odm"
    out.mkdir()

    # Registered, nothing imported yet: a valid file with the centre and no subjects.
    with world.registry() as ws:
        result, data = export(RegistryReportService(ws, central_store), out / "empty.xml")
    assert errors(schema, data) == []
    root = safe_fromstring(data)
    assert root.find(f"{NS}ClinicalData") is not None
    assert root.findall(f".//{NS}SubjectData") == []
    assert [loc.get("OID") for loc in root.iterfind(f".//{NS}Location")] == ["LOC.FR-086"]
    assert (result.cases, result.centres) == (0, ("FR-086",))
    assert read_back(data) == {"FR-086": []}

    # The PI signs two cases; one carries a site query with text XML must escape.
    signed = complete[:2]
    sign_cases(world, signed)
    with world.site() as ws:
        QueryService(ws, CaseService(ws)).raise_query(
            signed[0], ItemAddress("diagnosis", "baseline", 1, "platelets"), QUERY_TEXT
        )
        batch = ExportService(ws).export(world.out, complete).path
    _import(world, central_store, batch)

    with world.registry() as ws:
        service = RegistryReportService(ws, central_store)
        result, data = export(service, out / "signed.xml")
        stored = current(service)
    assert errors(schema, data) == []
    assert odmlib_faults(data) == []
    # Plain ODM 1.3.2 has no place for the binding and queries: the extension is what is valid.
    assert any("SignatureBinding" in e or "Query" in e for e in errors(plain_schema, data))
    assert read_back(data) == {"FR-086": stored}
    assert {r["id"] for r in stored if "signature" in r} == set(signed)
    assert all(signature_problem(r) is None for r in stored if "signature" in r)
    [queried] = [r for r in stored if "queries" in r]
    assert [q["text"] for q in queried["queries"]] == [QUERY_TEXT.strip()]
    assert (result.cases, result.signed, result.queries) == (len(complete), 2, 1)

    root = safe_fromstring(data)
    [user] = root.findall(f"{NS}AdminData/{NS}User")
    assert user.get("OID") == f"USR.FR-086.{PI}"
    assert (user.findtext(f"{NS}LoginName"), user.findtext(f"{NS}FullName")) == (
        PI,
        "Pia Investigator",
    )
    ref = user.find(f"{NS}LocationRef")
    assert ref is not None and ref.get("LocationOID") == "LOC.FR-086"
    [meaning] = root.iterfind(f"{NS}AdminData/{NS}SignatureDef/{NS}Meaning")
    assert meaning.text == MEANING_APPROVAL
    raised = root.find(f".//{CML}Query/{CML}Raised")
    assert raised is not None and raised.get("Text") == QUERY_TEXT.strip()


def _import(world: World, store: CentralStore, batch: Path) -> None:
    with world.registry() as ws:
        [outcome] = ImportService(ws, store).import_files([batch], world.out)
    assert (outcome.status, outcome.rejected) == ("imported", ()), outcome.error


def test_a_registry_without_centres_gives_a_valid_file_with_no_subjects(
    central_store: CentralStore,
    schema: xmlschema.XMLSchema,  # noqa: F811
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    create_registry(
        tmp_path / "registry", "ELN CML registry", COORDINATOR, "Cora Ordinator", PASSWORD,
        clock=clock, policy=OWASP_FLOOR,
    ).created.workspace.close()  # fmt: skip
    folder = tmp_path / "registry"
    with open_workspace(folder, COORDINATOR, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        result, data = export(RegistryReportService(ws, central_store), tmp_path / "none.xml")
    assert errors(schema, data) == []
    root = safe_fromstring(data)
    assert root.findall(f".//{NS}Location") == [] and root.findall(f".//{NS}SubjectData") == []
    assert (result.cases, result.centres) == (0, ())
