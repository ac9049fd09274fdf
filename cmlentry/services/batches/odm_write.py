"""Write records as one CDISC ODM 1.3.2 document (Transactional, SingleSite) with odmlib.

The mapping (``docs/batch-format.md`` §5; ``odm_read`` reads exactly this back):

- ``ODM``: ``FileOID``, ``PriorFileOID`` (absent for the first batch), ``CreationDateTime``,
  ``ODMVersion="1.3.2"``, ``SourceSystem="cmlentry"``, ``SourceSystemVersion``.
- ``Study``: the form definition (:mod:`.odm_metadata`); ``CL.DEFINITION_VERSION`` lists every
  version a form in the file was entered under.
- ``AdminData``: a ``User`` (``USR.<username>``, ``LoginName`` and ``FullName``: the printed
  name) for each person named in an audit record or signature, the site's ``Location``
  (``LOC.<site>``), and a ``SignatureDef`` (``SD.<n>``) for each signature meaning.
- ``ClinicalData``: per case one ``SubjectData`` (``SubjectKey`` = registry ID,
  ``TransactionType="Upsert"``) with ``SiteRef``, the PI's ``Signature`` when signed, one
  ``Annotation`` whose ``Flag`` is the case status (``CL.CASE_STATUS``), and one
  ``StudyEventData`` ``SE.REGISTRY``.
- ``FormData`` per form with answers, with one ``Annotation`` holding two ``Flag``s: the form
  status (``CL.FORM_STATUS``) and the definition version it was entered under
  (``CL.DEFINITION_VERSION``).
- ``ItemGroupData`` per row, ``ItemGroupRepeatKey`` = the row key (for every group, so a row
  keeps the identity the audit trail names it by), rows in their shown order.
- ``ItemData`` per answer: ``Value`` = the stored value; or ``IsNull="Yes"`` with an
  ``Annotation`` whose ``Flag`` is the missing-data code (``CL.MISSING``). An overridden soft
  warning adds to that (one) ``Annotation`` a ``Comment SponsorOrSite="Site"`` holding the
  reason and a ``Flag`` ``OVERRIDDEN`` (``CL.OVERRIDE``). ``AuditRecord``: the last change of the
  answer — ``UserRef``, ``LocationRef``, ``DateTimeStamp`` (UTC), ``ReasonForChange`` when one
  was given, ``SourceID`` = the site's audit row.

``Signature`` (``SIG.<registry ID>``) of a record with a ``"signature"``: ``UserRef``,
``LocationRef``, ``SignatureRef`` to the ``SignatureDef`` of its meaning, ``DateTimeStamp`` (the
UTC time of signing), and cmlentry's ``cml:SignatureBinding`` (the printed name at signing, the
role and both hashes); a record's ``"queries"`` follow the study event as ``cml:Query``
elements (:mod:`.odm_extension`). Every ``Annotation`` has ``SeqNum="1"``: there
is at most one per element. Record strings XML cannot carry (control characters; a carriage
return in a reason, which travels as element text where XML turns it into a line feed) are
refused with :class:`RecordNotExportable`; in audit reasons and names they are replaced by
U+FFFD, since a person cannot edit an audit row and those texts are not part of a record's hash.

Speed (``bench/batch_bench.py``): a 1,000-case batch is about a million elements, six per
answer. The time goes to odmlib's object construction, its ``to_xml()`` and ElementTree's
pure-Python serialiser in about equal parts, not to odmlib's attribute validation (its
permissive mode saved about 5 %, so validation stays on). So each ``SubjectData`` is built and
serialised into the document's tree as soon as it is complete (only one case's model objects
live at a time), elements that recur unchanged (``UserRef``, ``LocationRef``, ``DateTimeStamp``,
flags) are built once, the cyclic garbage collector is paused, and the tree is serialised to
text and encoded once.

:class:`SubjectWriter` builds one case's ``SubjectData`` and is shared with the registry's ODM
export (``cmlentry/services/reports/odm_export.py``), which writes the same subjects into a
Snapshot document of several sites.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from odmlib import ns_registry
from odmlib.odm_1_3_2 import model as odm

from cmlentry.domain.forms import FormDefinition
from cmlentry.services.batches import odm_extension as ext
from cmlentry.services.batches import odm_metadata as meta
from cmlentry.services.batches.odm_errors import RecordNotExportable
from cmlentry.services.batches.record import Record, RecordChecker
from cmlentry.services.batches.record_review import NOT_XML

APPLICATION = "cmlentry"
LEGAL_REASON = "Electronic signature applied in cmlentry by the signer named in UserRef"
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"
_NAMESPACES = {"odm": meta.ODM_NS, ext.PREFIX: ext.CML_NS}
_DEFAULT_NAMESPACE = {"odm": meta.ODM_NS}


@dataclass(frozen=True)
class ValueAudit:
    """The site's audit row of the last change to one answer."""

    username: str
    at_utc: str
    reason: str | None
    audit_seq: int


@dataclass(frozen=True)
class OdmUser:
    username: str
    printed_name: str


AuditKey = tuple[str, str, int, str]
"""(form id, group id, row key, item id)."""


@dataclass(frozen=True)
class OdmCase:
    record: Record
    audits: Mapping[AuditKey, ValueAudit]


@dataclass(frozen=True)
class OdmBatchInfo:
    file_oid: str
    prior_file_oid: str | None
    created_at: str
    app_version: str
    site_id: str
    site_name: str


def write_odm(
    definition: FormDefinition,
    info: OdmBatchInfo,
    cases: Sequence[OdmCase],
    users: Sequence[OdmUser],
    *,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The ODM document of ``cases`` as UTF-8 bytes with an XML declaration.

    ``progress`` is called with the number of cases written so far, after each one.

    Raises:
        RecordNotExportable: a record is not what :func:`.record.record_of` gives under
            ``definition`` (the sentence names the case and the answer, never the value).
        ValueError: a case appears twice, or a person named in an audit row or signature is
            not in ``users`` (a bug of the caller).
    """
    checker = RecordChecker(definition)
    keys: set[str] = set()
    for case in cases:
        problem = checker.problem(case.record)
        if problem is not None:
            raise RecordNotExportable(
                registry_id=safe_text(str(case.record.get("id"))), problem=problem
            )
        if case.record["id"] in keys:
            raise ValueError("a case appears twice in one batch")
        keys.add(case.record["id"])
    writer = _Writer(definition, info, cases)
    with meta.collector_paused():
        root = writer.root(users).to_xml()
        assert root is not None  # a top-level to_xml() returns the element it made
        clinical = root.find("ClinicalData")
        assert clinical is not None
        for done, case in enumerate(cases, 1):
            writer.subjects.write(case, info.site_id, clinical)
            if progress is not None:
                progress(done)
        declare_namespaces(root)
        # To text, then UTF-8 at once: ElementTree's own encoding costs a codec call per write.
        text = ET.tostring(root, encoding="unicode")
    return XML_DECLARATION + text.encode("utf-8")


def declare_namespaces(root: ET.Element) -> None:
    """Declare ODM's namespace on ``root``, and cmlentry's extension's if the tree uses it.

    The namespaces are given, not taken from odmlib's process-wide registry, which loading
    another kind of document (Define-XML, ODM 2.0) would change.
    """
    ns_registry.NamespaceRegistry().set_odm_namespace_attributes(  # type: ignore[no-untyped-call]
        root, namespaces=_NAMESPACES, default=_DEFAULT_NAMESPACE
    )


class _Writer:
    def __init__(
        self, definition: FormDefinition, info: OdmBatchInfo, cases: Sequence[OdmCase]
    ) -> None:
        self.definition = definition
        self.info = info
        self.cases = cases
        self.location = meta.location_oid(info.site_id)
        meanings = [c.record["signature"]["meaning"] for c in cases if "signature" in c.record]
        self.signature_defs = {m: f"SD.{n}" for n, m in enumerate(dict.fromkeys(meanings), 1)}
        self.subjects = SubjectWriter(definition, self.signature_defs)

    def root(self, users: Sequence[OdmUser]) -> odm.ODM:
        info = self.info
        versions = {f["version"] for c in self.cases for f in c.record["forms"].values()}
        root = odm.ODM(
            FileType="Transactional",
            Granularity="SingleSite",
            FileOID=info.file_oid,
            CreationDateTime=info.created_at,
            ODMVersion="1.3.2",
            SourceSystem=APPLICATION,
            SourceSystemVersion=info.app_version,
            Study=[meta.build_study(self.definition, versions)],
            AdminData=[self.admin(users)],
            ClinicalData=[
                odm.ClinicalData(
                    StudyOID=meta.study_oid(self.definition),
                    MetaDataVersionOID=meta.metadata_version_oid(self.definition),
                )
            ],
        )
        if info.prior_file_oid is not None:
            root.PriorFileOID = info.prior_file_oid
        return root

    def admin(self, users: Sequence[OdmUser]) -> odm.AdminData:
        named = {a.username for c in self.cases for a in c.audits.values()}
        named |= {c.record["signature"]["username"] for c in self.cases if "signature" in c.record}
        printed = {u.username: u.printed_name for u in users}
        if not named <= printed.keys():
            raise ValueError("a person named in an audit row is not among the users given")
        return odm.AdminData(
            User=[
                odm.User(
                    OID=meta.user_oid(name),
                    LoginName=odm.LoginName(_content=name),
                    FullName=odm.FullName(_content=safe_text(printed[name])),
                )
                for name in sorted(named)
            ],
            Location=[
                odm.Location(
                    OID=self.location,
                    Name=safe_text(self.info.site_name) or self.info.site_id,
                    LocationType="Site",
                    MetaDataVersionRef=[
                        odm.MetaDataVersionRef(
                            StudyOID=meta.study_oid(self.definition),
                            MetaDataVersionOID=meta.metadata_version_oid(self.definition),
                            EffectiveDate=self.info.created_at[:10],
                        )
                    ],
                )
            ],
            SignatureDef=[
                odm.SignatureDef(
                    OID=oid,
                    Methodology="Electronic",
                    Meaning=odm.Meaning(_content=safe_text(meaning)),
                    LegalReason=odm.LegalReason(_content=LEGAL_REASON),
                )
                for meaning, oid in self.signature_defs.items()
            ],
        )


@dataclass(frozen=True)
class _Site:
    """Where a subject's answers and signature were made: its site's ``Location``, and how
    the people of that site are named."""

    location_ref: odm.LocationRef
    site_id: str | None  # None: people are USR.<username> (a document of one site)


class SubjectWriter:
    """One case's ``SubjectData`` as the batch mapping says, with cmlentry's extension.

    Shared by :func:`write_odm` and the registry's ODM export. Elements that recur unchanged
    (``UserRef``, ``LocationRef``, ``DateTimeStamp``, flags) are built once and serialised
    wherever they occur: odmlib's ``to_xml()`` only reads them, and object creation is most of
    the cost of a large document. The records must have passed :class:`.record.RecordChecker`.

    Args:
        definition: The form definition of the records.
        signature_defs: The ``SignatureDef`` OID of every signature meaning the records use.
        transaction_type: ``SubjectData/@TransactionType``: ``"Upsert"`` in a batch
            (Transactional); None leaves it out, as a Snapshot document does.
        users_by_site: Name people ``USR.<site>.<username>`` rather than ``USR.<username>``:
            a document of several sites, two of which may have the same user name.
    """

    def __init__(
        self,
        definition: FormDefinition,
        signature_defs: Mapping[str, str],
        *,
        transaction_type: str | None = "Upsert",
        users_by_site: bool = False,
    ) -> None:
        self.definition = definition
        self.signature_defs = signature_defs
        self.transaction_type = transaction_type
        self.users_by_site = users_by_site
        self.sites: dict[str, _Site] = {}
        self.user_refs: dict[str, odm.UserRef] = {}
        self.flags: dict[tuple[str, str], odm.Flag] = {}
        self.time_stamps: dict[str, odm.DateTimeStamp] = {}

    def write(self, case: OdmCase, site_id: str, parent: ET.Element) -> ET.Element:
        """Append the ``SubjectData`` of ``case``, entered at ``site_id``, to ``parent``.

        Returns:
            The element appended (the last child of ``parent``).
        """
        self.subject(case, self.site(site_id)).to_xml(parent)
        element = parent[-1]
        self.extend(element, case.record)
        return element

    def site(self, site_id: str) -> _Site:
        if site_id not in self.sites:
            self.sites[site_id] = _Site(
                odm.LocationRef(LocationOID=meta.location_oid(site_id)),
                site_id if self.users_by_site else None,
            )
        return self.sites[site_id]

    def subject(self, case: OdmCase, site: _Site) -> odm.SubjectData:
        record = case.record
        subject = odm.SubjectData(
            SubjectKey=record["id"],
            SiteRef=odm.SiteRef(LocationOID=site.location_ref.LocationOID),
            Annotation=[_annotation([self.flag(meta.CL_CASE_STATUS, record["status"])])],
        )
        if self.transaction_type is not None:
            subject.TransactionType = self.transaction_type
        if "signature" in record:
            sig = record["signature"]
            subject.Signature = odm.Signature(
                ID=f"SIG.{record['id']}",
                UserRef=self.user_ref(sig["username"], site),
                LocationRef=site.location_ref,
                SignatureRef=odm.SignatureRef(SignatureOID=self.signature_defs[sig["meaning"]]),
                DateTimeStamp=odm.DateTimeStamp(_content=sig["signed_at"]),
            )
        event = odm.StudyEventData(StudyEventOID=meta.STUDY_EVENT_OID)
        for form in self.definition.forms:  # definition order; absent forms have no answers
            if form.id in record["forms"]:
                event.FormData.append(self.form(case, site, form.id, record["forms"][form.id]))
        subject.StudyEventData = [event]
        return subject

    @staticmethod
    def extend(subject: ET.Element, record: Record) -> None:
        """Add cmlentry's extension elements to the ``SubjectData`` element just written."""
        if "signature" in record:
            signature = subject.find("Signature")
            assert signature is not None  # subject() wrote it for this very record
            signature.append(ext.binding_element(record["signature"]))
        for query in record.get("queries", ()):
            subject.append(ext.query_element(query))

    def form(self, case: OdmCase, site: _Site, form_id: str, form: dict[str, Any]) -> odm.FormData:
        data = odm.FormData(
            FormOID=meta.form_oid(form_id),
            Annotation=[
                _annotation(
                    [
                        self.flag(meta.CL_FORM_STATUS, form["status"]),
                        self.flag(meta.CL_DEFINITION_VERSION, form["version"]),
                    ]
                )
            ],
        )
        groups = {g.id: g for g in self.definition.forms_by_id[form_id].groups}
        for group_id, group in groups.items():  # definition order, so the output is stable
            position = {item.id: n for n, item in enumerate(group.items)}
            for row in form["groups"].get(group_id, ()):
                data.ItemGroupData.append(
                    odm.ItemGroupData(
                        ItemGroupOID=meta.group_oid(group_id),
                        ItemGroupRepeatKey=str(row["key"]),
                        ItemData=[
                            self.item(
                                i,
                                answer,
                                case.audits.get((form_id, group_id, row["key"], i)),
                                site,
                            )
                            for i, answer in sorted(
                                row["values"].items(), key=lambda kv: position[kv[0]]
                            )
                        ],
                    )
                )
        return data

    def item(
        self, item_id: str, answer: dict[str, str], audit: ValueAudit | None, site: _Site
    ) -> odm.ItemData:
        fields: dict[str, Any] = {"ItemOID": meta.item_oid(item_id)}
        flags = []
        if "value" in answer:
            fields["Value"] = answer["value"]
        else:
            fields["IsNull"] = "Yes"
            flags.append(self.flag(meta.CL_MISSING, answer["missing"]))
        if audit is not None:
            fields["AuditRecord"] = odm.AuditRecord(
                UserRef=self.user_ref(audit.username, site),
                LocationRef=site.location_ref,
                DateTimeStamp=self.time_stamp(audit.at_utc),
                SourceID=odm.SourceID(_content=str(audit.audit_seq)),
            )
            if audit.reason:
                fields["AuditRecord"].ReasonForChange = odm.ReasonForChange(
                    _content=safe_text(audit.reason)
                )
        comment = None
        if "override" in answer:
            flags.append(self.flag(meta.CL_OVERRIDE, meta.OVERRIDDEN))
            comment = odm.Comment(SponsorOrSite="Site", _content=answer["override"])
        if flags:
            fields["Annotation"] = [_annotation(flags, comment)]
        return odm.ItemData(**fields)

    def user_ref(self, username: str, site: _Site) -> odm.UserRef:
        oid = meta.user_oid(username, site.site_id)
        if oid not in self.user_refs:
            self.user_refs[oid] = odm.UserRef(UserOID=oid)
        return self.user_refs[oid]

    def time_stamp(self, at_utc: str) -> odm.DateTimeStamp:
        # One save gives every answer it changes the same time.
        if at_utc not in self.time_stamps:
            self.time_stamps[at_utc] = odm.DateTimeStamp(_content=at_utc)
        return self.time_stamps[at_utc]

    def flag(self, codelist_oid: str, code: str) -> odm.Flag:
        if (codelist_oid, code) not in self.flags:
            self.flags[codelist_oid, code] = _flag(codelist_oid, code)
        return self.flags[codelist_oid, code]


def _annotation(flags: list[odm.Flag], comment: odm.Comment | None = None) -> odm.Annotation:
    annotation = odm.Annotation(SeqNum=1, Flag=flags)
    if comment is not None:
        annotation.Comment = comment
    return annotation


def _flag(codelist_oid: str, code: str) -> odm.Flag:
    return odm.Flag(FlagValue=odm.FlagValue(CodeListOID=codelist_oid, _content=code))


def safe_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD.

    For texts that are no part of a record (names, audit reasons, centre names), so no hash.
    """
    return NOT_XML.sub("\ufffd", text)
