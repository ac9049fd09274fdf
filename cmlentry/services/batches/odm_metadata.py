"""The form definition as ODM 1.3.2 ``Study`` metadata, and the OIDs batches use.

One ``MetaDataVersion`` (``MDV.<definition>``, e.g. ``MDV.cml-ifp-1.0``) holds the whole case
report form: one study event ``SE.REGISTRY`` with every form, ``F.<form>``, ``IG.<group>``
(``Repeating`` as defined), ``I.<item>`` (``DataType`` from the item type, ranges as
``RangeCheck``, units as ``MeasurementUnit``), ``CL.<codelist>`` per code list, and the code lists
the payload's annotations use: ``CL.MISSING`` (UNK / ND / NA), ``CL.CASE_STATUS``,
``CL.FORM_STATUS``, ``CL.DEFINITION_VERSION`` and ``CL.OVERRIDE``. Definition ids are lower case
(``[a-z][a-z0-9_]*``) and unique, so every OID is unique and none can clash with the upper-case
names of the annotation code lists. Batches carry it, and central exports reuse it. The
writer and the reader share the OIDs from here, and :func:`collector_paused`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from odmlib.odm_1_3_2 import model as odm

from cmlentry.domain.forms import FormDefinition, Item, Range
from cmlentry.services.batches.record import CASE_STATUSES, FORM_STATUSES

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
STUDY_EVENT_OID = "SE.REGISTRY"
CL_MISSING = "CL.MISSING"
CL_CASE_STATUS = "CL.CASE_STATUS"
CL_FORM_STATUS = "CL.FORM_STATUS"
CL_DEFINITION_VERSION = "CL.DEFINITION_VERSION"
CL_OVERRIDE = "CL.OVERRIDE"
OVERRIDDEN = "OVERRIDDEN"

_DATA_TYPES = {"text": "text", "integer": "integer", "decimal": "float", "code": "text"}
_CASE_STATUS_WORDS = {
    "draft": "draft: being entered",
    "complete": "complete: every form complete, not yet signed",
    "signed": "signed by the principal investigator",
    "exported": "signed and sent in an earlier batch",
    "acknowledged": "acknowledged by the registry",
}
_FORM_STATUS_WORDS = {"draft": "draft", "complete": "complete: every check passed"}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a payload's element tree is built.

    A 1,000-case payload is about a million elements, none in a reference cycle; the collector
    would walk them again and again as they are made (a third of the time, measured). Reference
    counting still frees everything, and the collector is back on when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def study_oid(definition: FormDefinition) -> str:
    return f"ST.{definition.definition.id}"


def metadata_version_oid(definition: FormDefinition) -> str:
    """``MDV.cml-ifp-1.0``: the ODM name of one version of the form definition."""
    return f"MDV.{definition.oid}"


def form_oid(form_id: str) -> str:
    return f"F.{form_id}"


def group_oid(group_id: str) -> str:
    return f"IG.{group_id}"


def item_oid(item_id: str) -> str:
    return f"I.{item_id}"


def user_oid(username: str, site_id: str | None = None) -> str:
    """``USR.<username>`` in a batch (one site); ``USR.<site>.<username>`` in a document of
    several sites, where two sites may each have their own ``pia``."""
    return f"USR.{username}" if site_id is None else f"USR.{site_id}.{username}"


def location_oid(site_id: str) -> str:
    return f"LOC.{site_id}"


def data_type(item: Item) -> str:
    """The ODM ``DataType`` of an item (a derived item is text: it is never sent)."""
    if item.type == "date":
        return "partialDate" if item.partial_date else "date"
    return _DATA_TYPES.get(item.type, "text")


def build_study(definition: FormDefinition, versions: Iterable[str] = ()) -> odm.Study:
    """The ODM ``Study`` describing ``definition``.

    Args:
        definition: the form definition the data are read against.
        versions: further definition versions that forms in the data were entered under; the
            definition's own version is always listed in ``CL.DEFINITION_VERSION``.
    """
    header = definition.definition
    units = sorted({item.unit for item in definition.items_by_id.values() if item.unit})
    unit_oids = {unit: f"MU.{n}" for n, unit in enumerate(units, start=1)}
    mdv = odm.MetaDataVersion(
        OID=metadata_version_oid(definition),
        Name=f"{header.id} {header.version}",
        Description=header.title,
        Protocol=odm.Protocol(
            StudyEventRef=[odm.StudyEventRef(StudyEventOID=STUDY_EVENT_OID, Mandatory="Yes")]
        ),
        StudyEventDef=[
            odm.StudyEventDef(
                OID=STUDY_EVENT_OID,
                Name="Registry",
                Repeating="No",
                Type="Common",
                FormRef=[
                    odm.FormRef(FormOID=form_oid(f.id), OrderNumber=n, Mandatory="No")
                    for n, f in enumerate(definition.forms, start=1)
                ],
            )
        ],
    )
    for form in definition.forms:
        mdv.FormDef.append(
            odm.FormDef(
                OID=form_oid(form.id),
                Name=form.label,
                Repeating="No",
                ItemGroupRef=[
                    odm.ItemGroupRef(ItemGroupOID=group_oid(g.id), OrderNumber=n, Mandatory="No")
                    for n, g in enumerate(form.groups, start=1)
                ],
            )
        )
    for form in definition.forms:
        for group in form.groups:
            mdv.ItemGroupDef.append(
                odm.ItemGroupDef(
                    OID=group_oid(group.id),
                    Name=group.label,
                    Repeating="Yes" if group.repeating else "No",
                    ItemRef=[
                        odm.ItemRef(
                            ItemOID=item_oid(i.id),
                            OrderNumber=n,
                            Mandatory="Yes" if i.required else "No",
                        )
                        for n, i in enumerate(group.items, start=1)
                    ],
                )
            )
    for item in definition.items_by_id.values():
        mdv.ItemDef.append(_item_def(item, unit_oids))
    for name, codes in definition.codelists.items():
        mdv.CodeList.append(_code_list(f"CL.{name}", name, codes))
    mdv.CodeList.extend(
        [
            _code_list(
                CL_MISSING,
                "missing-data codes",
                {str(code): words for code, words in definition.missing_codes.items()},
            ),
            _code_list(CL_CASE_STATUS, "case status", _CASE_STATUS_WORDS, CASE_STATUSES),
            _code_list(CL_FORM_STATUS, "form status", _FORM_STATUS_WORDS, FORM_STATUSES),
            _code_list(
                CL_DEFINITION_VERSION,
                "form definition version a form was entered under",
                {v: f"{header.id} {v}" for v in sorted({header.version, *versions})},
            ),
            _code_list(
                CL_OVERRIDE,
                "answer annotations",
                {OVERRIDDEN: "a soft warning was overridden; the comment gives the reason"},
            ),
        ]
    )
    return odm.Study(
        OID=study_oid(definition),
        GlobalVariables=odm.GlobalVariables(
            StudyName=odm.StudyName(_content=header.title),
            StudyDescription=odm.StudyDescription(_content=header.title),
            ProtocolName=odm.ProtocolName(_content=header.id),
        ),
        BasicDefinitions=odm.BasicDefinitions(
            MeasurementUnit=[
                odm.MeasurementUnit(
                    OID=oid, Name=unit, Symbol=odm.Symbol(TranslatedText=[_text(unit)])
                )
                for unit, oid in unit_oids.items()
            ]
        ),
        MetaDataVersion=[mdv],
    )


def _item_def(item: Item, unit_oids: dict[str, str]) -> odm.ItemDef:
    item_def = odm.ItemDef(
        OID=item_oid(item.id),
        Name=item.label,
        DataType=data_type(item),
        Question=odm.Question(TranslatedText=[_text(item.label)]),
    )
    if item.type == "text":
        item_def.Length = item.max_length
    if item.type == "derived":
        # Kept in the metadata so central exports can name the column; never in the data.
        item_def.Origin = "Derived"
        item_def.Comment = f"calculated by cmlentry ({item.derived}); not sent in batches"
    if item.unit:
        item_def.MeasurementUnitRef.append(
            odm.MeasurementUnitRef(MeasurementUnitOID=unit_oids[item.unit])
        )
    for soft_hard, bounds in (("Hard", item.hard_range), ("Soft", item.soft_range)):
        if bounds is not None:
            item_def.RangeCheck.extend(_range_checks(bounds, soft_hard))
    if item.codelist:
        item_def.CodeListRef = odm.CodeListRef(CodeListOID=f"CL.{item.codelist}")
    return item_def


def _range_checks(bounds: Range, soft_hard: str) -> list[odm.RangeCheck]:
    checks = []
    for limit, comparator in (
        (bounds.min, "GT" if bounds.min_exclusive else "GE"),
        (bounds.max, "LT" if bounds.max_exclusive else "LE"),
    ):
        if limit is None:
            continue
        check = odm.RangeCheck(
            Comparator=comparator,
            SoftHard=soft_hard,
            CheckValue=[odm.CheckValue(_content=_number(limit))],
        )
        if bounds.message:
            check.ErrorMessage = odm.ErrorMessage(TranslatedText=[_text(bounds.message)])
        checks.append(check)
    return checks


def _code_list(
    oid: str, name: str, codes: dict[str, str], order: Iterable[str] | None = None
) -> odm.CodeList:
    return odm.CodeList(
        OID=oid,
        Name=name,
        DataType="text",
        CodeListItem=[
            odm.CodeListItem(
                CodedValue=code,
                OrderNumber=n,
                Decode=odm.Decode(TranslatedText=[_text(codes[code])]),
            )
            for n, code in enumerate(order if order is not None else codes, start=1)
        ],
    )


def _text(text: str) -> odm.TranslatedText:
    return odm.TranslatedText(_content=text, lang="en")


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
