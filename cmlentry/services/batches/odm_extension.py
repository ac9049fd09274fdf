"""cmlentry's vendor extension of ODM 1.3.2: what a signature binds, and a case's queries.

ODM 1.3.2 has a ``Signature`` (who, where, when, which ``SignatureDef`` meaning) but no place
for the hashes a cmlentry signature is bound to, nor for queries. ODM's own way to add such
things is a vendor extension: elements of another namespace in the empty ``…ElementExtension``
groups the foundation schema leaves for it, redefined with ``xs:redefine``
(``resources/odm/ODM1-3-2-cmlentry.xsd``, elements in ``resources/odm/cmlentry-extension.xsd``).
The namespace is :data:`CML_NS`, written with the prefix ``cml``:

- in ``Signature`` (``SignatureElementExtension``), after ``DateTimeStamp``::

      <cml:SignatureBinding PrintedName="Pia Investigator" Role="pi"
          ContentSHA256="…" BindingSHA256="…"/>

- in ``SubjectData`` (``SubjectDataElementExtension``), after ``StudyEventData``, one per
  query, oldest first::

      <cml:Query ID="<UUID>" FormOID="F.patient" ItemGroupOID="IG.patient"
          ItemGroupRepeatKey="1" ItemOID="I.sex" Origin="registry" State="answered">
        <cml:Raised By="cora" Name="Cora Ordinator" At="…Z" Text="…"/>
        <cml:Answered By="nina" Name="Nina Nurse" At="…Z" Text="…"/>
        <cml:Closed By="pia" Name="Pia Investigator" At="…Z" Note="…"/>
      </cml:Query>

  ``Answered`` and ``Closed`` (closed or cancelled, as ``State`` says) only when they
  happened; ``Closed`` has ``By``/``Name`` and ``Note`` only when known.

Every text is an attribute, which XML carries exactly (ElementTree writes a carriage return,
line feed or tab in an attribute as a character reference), so a query's text comes back as
typed. The writer builds these as plain ElementTree elements (odmlib does not know them) and
:func:`read_binding` / :func:`read_query` read them back into the record's shape
(:mod:`.record_review`), strictly, with the helpers of :mod:`.odm_walk`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from cmlentry.services.batches import odm_metadata as meta
from cmlentry.services.batches.odm_walk import Invalid, Spec, attributes, children

CML_NS = "urn:cmlentry:odm-extension:1"
PREFIX = "cml"
SCHEMA = "ODM1-3-2-cmlentry.xsd"
"""The redefining schema in ``resources/odm/``: ODM 1.3.2 with this extension."""

_STEPS = (("Raised", "raised"), ("Answered", "answered"), ("Closed", "closed"))
_TEXT_OF = {"Raised": "text", "Answered": "answer", "Closed": "note"}
_ATTR_OF = {"Raised": "Text", "Answered": "Text", "Closed": "Note"}


def tag(name: str) -> str:
    """An extension element's tag as the parser names it (Clark notation)."""
    return f"{{{CML_NS}}}{name}"


def written(name: str) -> str:
    """An extension element's tag as the writer spells it (the prefix, declared on ODM)."""
    return f"{PREFIX}:{name}"


def spec(*parts: tuple[str, int, int]) -> Spec:
    """An :data:`~.odm_walk.Spec` of extension elements."""
    return tuple((tag(name), f"{PREFIX}:{name}", low, high) for name, low, high in parts)


_QUERY = spec(("Raised", 1, 1), ("Answered", 0, 1), ("Closed", 0, 1))


# --- writing ------------------------------------------------------------------------------------


def binding_element(signature: Mapping[str, str]) -> ET.Element:
    """``cml:SignatureBinding`` of a record's ``signature`` (the rest is ODM's Signature)."""
    return ET.Element(
        written("SignatureBinding"),
        {
            "PrintedName": signature["printed_name"],
            "Role": signature["role"],
            "ContentSHA256": signature["content_sha256"],
            "BindingSHA256": signature["binding_sha256"],
        },
    )


def query_element(query: Mapping[str, Any]) -> ET.Element:
    """``cml:Query`` of one query of a record."""
    item = query["item"]
    elem = ET.Element(
        written("Query"),
        {
            "ID": query["id"],
            "FormOID": meta.form_oid(item["form"]),
            "ItemGroupOID": meta.group_oid(item["group"]),
            "ItemGroupRepeatKey": str(item["row"]),
            "ItemOID": meta.item_oid(item["item"]),
            "Origin": query["origin"],
            "State": query["state"],
        },
    )
    for name, step in _STEPS:
        if f"{step}_at" not in query:
            continue
        attrs = {"At": query[f"{step}_at"]}
        for key, field in (("By", f"{step}_by"), ("Name", f"{step}_name")):
            if field in query:
                attrs[key] = query[field]
        if _TEXT_OF[name] in query:
            attrs[_ATTR_OF[name]] = query[_TEXT_OF[name]]
        ET.SubElement(elem, written(name), attrs)
    return elem


# --- reading ------------------------------------------------------------------------------------


def read_binding(elem: ET.Element, where: str) -> dict[str, str]:
    """The record's ``printed_name``, ``role`` and both hashes from ``cml:SignatureBinding``."""
    attrs = attributes(
        elem, ("PrintedName", "Role", "ContentSHA256", "BindingSHA256"), f"{where}, signature"
    )
    children(elem, (), f"{where}, signature")
    return {
        "printed_name": attrs["PrintedName"],
        "role": attrs["Role"],
        "content_sha256": attrs["ContentSHA256"],
        "binding_sha256": attrs["BindingSHA256"],
    }


def read_query(
    elem: ET.Element,
    forms: Mapping[str, str],
    groups: Mapping[str, str],
    items: Mapping[str, str],
    where: str,
) -> dict[str, Any]:
    """One query of the record from ``cml:Query``; OIDs mapped back through ``forms``,
    ``groups`` and ``items`` (OID → id). Its values are checked with the rest of the record."""
    attrs = attributes(
        elem,
        ("ID", "FormOID", "ItemGroupOID", "ItemGroupRepeatKey", "ItemOID", "Origin", "State"),
        f"{where}, a query",
    )
    here = f"{where}, a query"
    key = attrs["ItemGroupRepeatKey"]
    if not key.isascii() or not key.isdigit() or len(key) > 9 or key.startswith("0"):
        raise Invalid(f"{here}: its ItemGroupRepeatKey is not a positive whole number")
    try:
        item = {
            "form": forms[attrs["FormOID"]],
            "group": groups[attrs["ItemGroupOID"]],
            "row": int(key),
            "item": items[attrs["ItemOID"]],
        }
    except KeyError:
        raise Invalid(f"{here}: it names a form, group or item the definition has not") from None
    query: dict[str, Any] = {
        "id": attrs["ID"],
        "item": item,
        "origin": attrs["Origin"],
        "state": attrs["State"],
    }
    found = children(elem, _QUERY, here)
    for name, step in _STEPS:
        for part in found[f"{PREFIX}:{name}"]:
            text = _ATTR_OF[name]
            optional = ("By", "Name", text) if name == "Closed" else ()
            required = ("At",) if name == "Closed" else ("By", "Name", "At", text)
            values = attributes(part, required, here, optional)
            children(part, (), here)
            query[f"{step}_at"] = values["At"]
            for attr, field in (("By", f"{step}_by"), ("Name", f"{step}_name")):
                if attr in values:
                    query[field] = values[attr]
            if text in values:
                query[_TEXT_OF[name]] = values[text]
    return query
