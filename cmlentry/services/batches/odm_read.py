"""Read a batch's ODM payload back into records: the registry importer's strict reader.

The bytes are parsed with ``defusedxml`` (no DTD, no entities, no external references: any of
them is :class:`PayloadUnsafe`) while the elements are counted, and the document is then walked
element by element against exactly what :mod:`.odm_write` writes: the root's attributes, the
study and metadata version of ``definition``, one site, users and signature meanings declared
before they are referred to, and in the clinical data only known forms, groups and items, each
once, rows with proper keys, answers as value or missing-data code, a signature with
cmlentry's binding and queries in cmlentry's vendor extension (:mod:`.odm_extension`). Anything
else is
:class:`PayloadInvalid`, naming the subject and the OID but never a value. Each record is
rebuilt as :func:`.record.record_of` makes it and passed through the same check the writer
applies, so a record's SHA-256 here equals the site's exactly when the data are the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cmlentry.domain.forms import FormDefinition
from cmlentry.services.batches import odm_extension as ext
from cmlentry.services.batches import odm_metadata as meta
from cmlentry.services.batches.odm_errors import DEFAULT_FILE, PayloadInvalid, PayloadUnsafe
from cmlentry.services.batches.odm_walk import (
    MANY,
    Invalid,
    Spec,
    Unsafe,
    attributes,
    children,
    children_spec,
    declared,
    leaf,
    oid_of,
    one,
    parse_xml,
    tag,
)
from cmlentry.services.batches.record import Record, RecordChecker

MAX_ELEMENTS = 50_000_000

_DATETIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SITE = re.compile(r"^[A-Z]{2}-[0-9]{3}$")
_SUBJECT_KEY = re.compile(r"^[A-Z]{2}-[0-9]{3}-[0-9]{4}-[0-9A-Z]$")
_REPEAT_KEY = re.compile(r"^[1-9][0-9]{0,8}$")
_SEQ = re.compile(r"^[0-9]{1,18}$")


@dataclass(frozen=True)
class OdmDocument:
    """What a payload says: the file's identity and its records, in document order."""

    file_oid: str
    prior_file_oid: str | None
    created_at: str
    metadata_version_oid: str
    site_id: str
    records: list[Record]


def read_odm(
    data: bytes,
    definition: FormDefinition,
    *,
    max_elements: int = MAX_ELEMENTS,
    file: str = DEFAULT_FILE,
    progress: Callable[[int], None] | None = None,
) -> OdmDocument:
    """Parse and check an ODM payload and rebuild its records.

    Args:
        data: the decrypted, inflated payload.
        definition: the form definition the site wrote the data under.
        max_elements: refuse a document with more elements than this.
        file: how the error sentence names the batch file.
        progress: called with the number of records rebuilt so far, after each one.

    Raises:
        PayloadUnsafe: a DTD, an entity or an external reference.
        PayloadInvalid: anything else that is not a payload cmlentry writes.
    """
    try:
        with meta.collector_paused():
            root = parse_xml(data, max_elements)
            return _Reader(definition, progress).document(root)
    except Unsafe as exc:
        raise PayloadUnsafe(file=file, problem=str(exc)) from None
    except Invalid as exc:
        raise PayloadInvalid(file=file, problem=str(exc)) from None


_EMPTY = children_spec()
_ODM = children_spec(("Study", 1, 1), ("AdminData", 1, 1), ("ClinicalData", 1, 1))
_STUDY = children_spec(
    ("GlobalVariables", 1, 1), ("BasicDefinitions", 0, 1), ("MetaDataVersion", 1, 1)
)
_ADMIN = children_spec(("User", 0, MANY), ("Location", 1, 1), ("SignatureDef", 0, MANY))
_USER = children_spec(("LoginName", 0, 1), ("FullName", 0, 1))
_LOCATION = children_spec(("MetaDataVersionRef", 1, MANY))
_SIG_DEF = children_spec(("Meaning", 1, 1), ("LegalReason", 1, 1))
_CLINICAL = children_spec(("SubjectData", 0, MANY))
_SUBJECT = children_spec(
    ("Signature", 0, 1), ("SiteRef", 1, 1), ("Annotation", 1, 1), ("StudyEventData", 1, 1)
) + ext.spec(("Query", 0, MANY))
_EVENT = children_spec(("FormData", 0, MANY))
_FORM = children_spec(("Annotation", 1, 1), ("ItemGroupData", 1, MANY))
_ROW = children_spec(("ItemData", 1, MANY))
_ITEM = children_spec(("AuditRecord", 0, 1), ("Annotation", 0, 1))
_FLAG = children_spec(("FlagValue", 1, 1))
_AUDIT = children_spec(
    ("UserRef", 1, 1),
    ("LocationRef", 1, 1),
    ("DateTimeStamp", 1, 1),
    ("ReasonForChange", 0, 1),
    ("SourceID", 0, 1),
)
_NOTE = children_spec(("Comment", 0, 1), ("Flag", 0, MANY))
_FLAGS = children_spec(("Flag", 0, MANY))
_SIGNATURE = children_spec(
    ("UserRef", 1, 1), ("LocationRef", 1, 1), ("SignatureRef", 1, 1), ("DateTimeStamp", 1, 1)
) + ext.spec(("SignatureBinding", 1, 1))


class _Reader:
    def __init__(
        self, definition: FormDefinition, progress: Callable[[int], None] | None = None
    ) -> None:
        self.definition = definition
        self.progress = progress
        self.checker = RecordChecker(definition)
        self.forms = {meta.form_oid(f.id): f for f in definition.forms}
        self.groups = {
            meta.form_oid(f.id): {meta.group_oid(g.id): g for g in f.groups}
            for f in definition.forms
        }
        self.items = {
            meta.group_oid(g.id): {meta.item_oid(i.id): i.id for i in g.items}
            for f in definition.forms
            for g in f.groups
        }
        self.form_ids = {oid: form.id for oid, form in self.forms.items()}
        self.group_ids = {meta.group_oid(g.id): g.id for f in definition.forms for g in f.groups}
        self.item_ids = {meta.item_oid(i): i for i in definition.items_by_id}
        self.study = meta.study_oid(definition)
        self.mdv = meta.metadata_version_oid(definition)
        self.users: set[str] = set()
        self.meanings: dict[str, str] = {}
        self.location = ""

    def document(self, root: ET.Element) -> OdmDocument:
        if root.tag != tag("ODM"):
            raise Invalid("the document is not a CDISC ODM 1.3 document")
        attrs = attributes(
            root,
            ("FileType", "Granularity", "FileOID", "CreationDateTime", "ODMVersion"),
            "ODM",
            ("PriorFileOID", "SourceSystem", "SourceSystemVersion"),
        )
        wanted_values = {
            "FileType": "Transactional",
            "Granularity": "SingleSite",
            "ODMVersion": "1.3.2",
        }
        for name, wanted in wanted_values.items():
            if attrs[name] != wanted:
                raise Invalid(f"ODM: {name} is not {wanted}")
        if not attrs["FileOID"] or attrs.get("PriorFileOID") == "":
            raise Invalid("ODM: an empty FileOID or PriorFileOID")
        if not _DATETIME.fullmatch(attrs["CreationDateTime"]):
            raise Invalid("ODM: CreationDateTime is not a date and time")
        top = children(root, _ODM, "ODM")
        self.read_study(top["Study"][0])
        site_id = self.read_admin(top["AdminData"][0])
        records = self.read_clinical(top["ClinicalData"][0])
        return OdmDocument(
            file_oid=attrs["FileOID"],
            prior_file_oid=attrs.get("PriorFileOID"),
            created_at=attrs["CreationDateTime"],
            metadata_version_oid=self.mdv,
            site_id=site_id,
            records=records,
        )

    def read_study(self, study: ET.Element) -> None:
        if attributes(study, ("OID",), "Study")["OID"] != self.study:
            raise Invalid(f"Study: the OID is not {self.study}")
        found = children(study, _STUDY, "Study")
        oid = found["MetaDataVersion"][0].get("OID", "")
        if oid != self.mdv:
            raise Invalid(f"MetaDataVersion {oid_of(oid)}: the data are not for {self.mdv}")

    def read_admin(self, admin: ET.Element) -> str:
        attributes(admin, (), "AdminData")
        found = children(admin, _ADMIN, "AdminData")
        self.users = declared(found["User"], "USR.", (), _USER)
        location = found["Location"][0]
        attrs = attributes(location, ("OID", "Name"), "Location", ("LocationType",))
        self.location = attrs["OID"]
        site_id = self.location.removeprefix("LOC.")
        if not self.location.startswith("LOC.") or not _SITE.fullmatch(site_id):
            raise Invalid(f"Location {oid_of(self.location)}: not LOC. and a site like FR-086")
        where = f"Location {self.location}"
        if attrs.get("LocationType", "Site") != "Site":
            raise Invalid(f"{where}: LocationType is not Site")
        refs = children(location, _LOCATION, where)
        for ref in refs["MetaDataVersionRef"]:
            ref_attrs = attributes(ref, ("StudyOID", "MetaDataVersionOID", "EffectiveDate"), where)
            children(ref, _EMPTY, where)
            if (ref_attrs["StudyOID"], ref_attrs["MetaDataVersionOID"]) != (self.study, self.mdv):
                raise Invalid(f"{where}: it refers to another study or metadata version")
            if not _DATE.fullmatch(ref_attrs["EffectiveDate"]):
                raise Invalid(f"{where}: EffectiveDate is not a date")
        declared(found["SignatureDef"], "SD.", ("Methodology",), _SIG_DEF)
        self.meanings = {
            sd.attrib["OID"]: children(sd, _SIG_DEF, "AdminData")["Meaning"][0].text or ""
            for sd in found["SignatureDef"]
        }
        return site_id

    def read_clinical(self, clinical: ET.Element) -> list[Record]:
        attrs = attributes(clinical, ("StudyOID", "MetaDataVersionOID"), "ClinicalData")
        if (attrs["StudyOID"], attrs["MetaDataVersionOID"]) != (self.study, self.mdv):
            raise Invalid(f"ClinicalData: the data are not for {self.study} {self.mdv}")
        subjects = children(clinical, _CLINICAL, "ClinicalData")["SubjectData"]
        records: list[Record] = []
        seen: set[str] = set()
        for subject in subjects:
            record = self.read_subject(subject)
            if record["id"] in seen:
                raise Invalid(f"subject {record['id']}: it appears twice")
            seen.add(record["id"])
            problem = self.checker.problem(record)
            if problem is not None:
                raise Invalid(problem)
            records.append(record)
            if self.progress is not None:
                self.progress(len(records))
        return records

    def read_subject(self, subject: ET.Element) -> Record:
        attrs = attributes(subject, ("SubjectKey", "TransactionType"), "SubjectData")
        key = attrs["SubjectKey"]
        if not _SUBJECT_KEY.fullmatch(key):
            raise Invalid("SubjectData: a subject key is not a registry ID")
        where = f"subject {key}"
        if attrs["TransactionType"] != "Upsert":
            raise Invalid(f"{where}: TransactionType is not Upsert")
        found = children(subject, _SUBJECT, where)
        signature = one(found, "Signature")
        signed = self.read_signature(signature, where) if signature is not None else None
        self.refer(found["SiteRef"][0], "LocationOID", {self.location}, where)
        flags = self.read_annotation(found["Annotation"][0], {meta.CL_CASE_STATUS}, False, where)
        if flags.keys() != {meta.CL_CASE_STATUS}:
            raise Invalid(f"{where}: the case status flag is missing")
        event = found["StudyEventData"][0]
        if attributes(event, ("StudyEventOID",), where)["StudyEventOID"] != meta.STUDY_EVENT_OID:
            raise Invalid(f"{where}: the study event is not {meta.STUDY_EVENT_OID}")
        forms: dict[str, Any] = {}
        for form in children(event, _EVENT, where)["FormData"]:
            oid = attributes(form, ("FormOID",), where)["FormOID"]
            if oid not in self.forms:
                raise Invalid(f"{where}: unknown form {oid_of(oid)}")
            form_id = self.forms[oid].id
            if form_id in forms:
                raise Invalid(f"{where}, form {oid}: it appears twice")
            forms[form_id] = self.read_form(form, oid, f"{where}, form {oid}")
        record: Record = {
            "id": key,
            "status": flags[meta.CL_CASE_STATUS],
            "definition": self.definition.oid,
            "forms": forms,
        }
        if signed is not None:
            record["signature"] = signed
        queries = [
            ext.read_query(q, self.form_ids, self.group_ids, self.item_ids, where)
            for q in found["cml:Query"]
        ]
        if queries:
            record["queries"] = queries
        return record

    def read_form(self, form: ET.Element, oid: str, where: str) -> dict[str, Any]:
        found = children(form, _FORM, where)
        wanted = {meta.CL_FORM_STATUS, meta.CL_DEFINITION_VERSION}
        flags = self.read_annotation(found["Annotation"][0], wanted, False, where)
        if flags.keys() != wanted:
            raise Invalid(f"{where}: the form status or definition version flag is missing")
        groups: dict[str, list[dict[str, Any]]] = {}
        rows: set[tuple[str, str]] = set()
        for row in found["ItemGroupData"]:
            attrs = attributes(row, ("ItemGroupOID", "ItemGroupRepeatKey"), where)
            group_oid, key = attrs["ItemGroupOID"], attrs["ItemGroupRepeatKey"]
            group = self.groups[oid].get(group_oid)
            if group is None:
                raise Invalid(f"{where}: unknown group {oid_of(group_oid)}")
            here = f"{where}, group {group_oid}"
            if not _REPEAT_KEY.fullmatch(key):
                raise Invalid(f"{here}: a repeat key is not a positive whole number")
            if (group_oid, key) in rows:
                raise Invalid(f"{here}: row {key} appears twice")
            rows.add((group_oid, key))
            values = self.read_row(row, group_oid, f"{here}, row {key}")
            groups.setdefault(group.id, []).append({"key": int(key), "values": values})
        return {
            "status": flags[meta.CL_FORM_STATUS],
            "version": flags[meta.CL_DEFINITION_VERSION],
            "groups": groups,
        }

    def read_row(self, row: ET.Element, group_oid: str, where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        items = self.items[group_oid]
        for data in children(row, _ROW, where)["ItemData"]:
            attrs = attributes(data, ("ItemOID",), where, ("Value", "IsNull"))
            oid = attrs["ItemOID"]
            if oid not in items:
                raise Invalid(f"{where}: unknown item {oid_of(oid)}")
            here = f"{where}, item {oid}"
            if items[oid] in values:
                raise Invalid(f"{here}: it appears twice")
            found = children(data, _ITEM, here)
            audit = one(found, "AuditRecord")
            if audit is not None:
                self.read_audit(audit, here)
            annotation = one(found, "Annotation")
            flags: dict[str, str] = {}
            comment = None
            if annotation is not None:
                wanted = {meta.CL_MISSING, meta.CL_OVERRIDE}
                flags = self.read_annotation(annotation, wanted, True, here)
                comment = flags.pop("", None)
            answer: dict[str, str] = {}
            if "IsNull" in attrs:
                if attrs["IsNull"] != "Yes" or "Value" in attrs or meta.CL_MISSING not in flags:
                    raise Invalid(f"{here}: a null answer needs IsNull=Yes and a missing code")
                answer["missing"] = flags[meta.CL_MISSING]
            elif "Value" in attrs and meta.CL_MISSING not in flags:
                answer["value"] = attrs["Value"]
            else:
                raise Invalid(f"{here}: an answer has a Value or IsNull with a missing code")
            if (comment is None) != (meta.CL_OVERRIDE not in flags):
                raise Invalid(f"{here}: an override needs both its flag and its reason")
            if comment is not None:
                if flags[meta.CL_OVERRIDE] != meta.OVERRIDDEN:
                    raise Invalid(f"{here}: the override flag is not {meta.OVERRIDDEN}")
                answer["override"] = comment
            values[items[oid]] = answer
        return values

    def read_annotation(
        self, annotation: ET.Element, codelists: set[str], comment: bool, where: str
    ) -> dict[str, str]:
        """The annotation's flags by code list OID, and its comment under ``""``."""
        if attributes(annotation, ("SeqNum",), where)["SeqNum"] != "1":
            raise Invalid(f"{where}: an annotation's SeqNum is not 1")
        found = children(annotation, _NOTE if comment else _FLAGS, where)
        flags: dict[str, str] = {}
        for flag in found["Flag"]:
            value = children(flag, _FLAG, where)["FlagValue"][0]
            text, attrs = leaf(value, where, ("CodeListOID",))
            codelist = attrs["CodeListOID"]
            if codelist not in codelists or codelist in flags:
                raise Invalid(f"{where}: an unexpected or repeated flag {oid_of(codelist)}")
            flags[codelist] = text
        for note in found.get("Comment", ()):
            text, attrs = leaf(note, where, ("SponsorOrSite",))
            if attrs["SponsorOrSite"] != "Site":
                raise Invalid(f"{where}: a comment not from the site")
            flags[""] = text
        return flags

    def read_audit(self, audit: ET.Element, where: str) -> None:
        attributes(audit, (), where)
        found = self.stamped(audit, _AUDIT, where)
        for reason in found["ReasonForChange"]:
            leaf(reason, where)
        for source in found["SourceID"]:
            if not _SEQ.fullmatch(leaf(source, where)[0]):
                raise Invalid(f"{where}: an audit record's SourceID is not an audit row number")

    def read_signature(self, signature: ET.Element, where: str) -> dict[str, str]:
        """The record's ``signature``: ODM's who, when and meaning, and cmlentry's binding."""
        attributes(signature, ("ID",), where)
        found = self.stamped(signature, _SIGNATURE, where)
        reference = found["SignatureRef"][0]
        self.refer(reference, "SignatureOID", set(self.meanings), where)
        return {
            "username": found["UserRef"][0].attrib["UserOID"].removeprefix("USR."),
            "signed_at": leaf(found["DateTimeStamp"][0], where)[0],
            "meaning": self.meanings[reference.attrib["SignatureOID"]],
            **ext.read_binding(found["cml:SignatureBinding"][0], where),
        }

    def stamped(self, elem: ET.Element, spec: Spec, where: str) -> dict[str, list[ET.Element]]:
        """The children of an audit record or signature, with who, where and when checked."""
        found = children(elem, spec, where)
        self.refer(found["UserRef"][0], "UserOID", self.users, where)
        self.refer(found["LocationRef"][0], "LocationOID", {self.location}, where)
        if not _DATETIME.fullmatch(leaf(found["DateTimeStamp"][0], where)[0]):
            raise Invalid(f"{where}: a DateTimeStamp is not a date and time")
        return found

    @staticmethod
    def refer(elem: ET.Element, attribute: str, declared: set[str], where: str) -> None:
        """An empty element whose one attribute must name something declared before."""
        target = attributes(elem, (attribute,), where)[attribute]
        children(elem, _EMPTY, where)
        if target not in declared:
            raise Invalid(f"{where}: {attribute} {oid_of(target)} is not declared")
