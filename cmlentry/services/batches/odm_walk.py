"""Walking an ODM element tree strictly: parse safely, then children, attributes and text.

The helpers of :mod:`.odm_read`: every element's children must follow a specification (tag,
least, most, in order), attributes must be exactly the expected ones, and problems are raised
as :class:`Invalid` (or :class:`Unsafe` for hostile XML) in words that never quote a value.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

# Typed with the types-defusedxml stubs where installed, as Any otherwise.
from defusedxml.common import (  # type: ignore[import-untyped, unused-ignore]
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
)
from defusedxml.ElementTree import (  # type: ignore[import-untyped, unused-ignore]
    iterparse as defused_iterparse,
)

from cmlentry.services.batches import odm_metadata as meta

_SAFE_OID = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{0,80}$")


class Invalid(Exception):
    """The problem, in words that quote no value."""


class Unsafe(Exception):
    """What hostile XML construct the document holds."""


# The format is UTF-8 (batch-format.md §5): a document in UTF-16 or Latin-1 that happens to give
# the same records is no payload cmlentry writes. Expat would guess UTF-16 from NUL bytes and
# follow a declared encoding, so both are refused before it sees the bytes.
_DECLARED = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def parse_xml(data: bytes, max_elements: int) -> ET.Element:
    declared = _DECLARED.match(data[:200])
    if declared is not None and declared.group(1).upper() not in (b"UTF-8", b"UTF8"):
        raise Invalid("it declares another encoding than UTF-8")
    if b"\0" in data:
        raise Invalid("it is not UTF-8 text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("it is not UTF-8 text") from None
    count = 0
    try:
        events = defused_iterparse(
            io.BytesIO(data),
            events=("start",),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        for _event, _elem in events:
            count += 1
            if count > max_elements:
                raise Invalid(f"it has more than {max_elements} XML elements")
        root: ET.Element = events.root
    except DTDForbidden:
        raise Unsafe("a document type declaration") from None
    except EntitiesForbidden:
        raise Unsafe("an entity declaration") from None
    except DefusedXmlException:
        raise Unsafe("an external reference") from None
    except (ET.ParseError, LookupError, UnicodeError, ValueError):
        raise Invalid("it is not well-formed XML") from None
    return root


def tag(name: str) -> str:
    return f"{{{meta.ODM_NS}}}{name}"


def oid_of(text: str) -> str:
    """An OID from the file, echoed only when it looks like one."""
    return text if _SAFE_OID.fullmatch(text) else "?"


Spec = tuple[tuple[str, str, int, int], ...]
"""Children an element may have, in order: (tag, name, at least, at most)."""
MANY = 1 << 62


def children_spec(*parts: tuple[str, int, int]) -> Spec:
    return tuple((tag(name), name, low, high) for name, low, high in parts)


def children(elem: ET.Element, spec: Spec, where: str) -> dict[str, list[ET.Element]]:
    """``elem``'s children, which must follow ``spec``; no text between them."""
    if elem.text and not elem.text.isspace():
        raise Invalid(f"{where}: text where only elements belong")
    found: dict[str, list[ET.Element]] = {name: [] for _, name, _, _ in spec}
    position, end = 0, len(spec)
    for child in elem:
        while position < end and child.tag != spec[position][0]:
            position += 1
        if position == end:
            name = str(child.tag).removeprefix(f"{{{meta.ODM_NS}}}")
            what = f"a misplaced {name}" if name in found else "an unexpected element"
            raise Invalid(f"{where}: {what}")
        if child.tail and not child.tail.isspace():
            raise Invalid(f"{where}: text where only elements belong")
        found[spec[position][1]].append(child)
    for _, name, low, high in spec:
        if len(found[name]) < low:
            raise Invalid(f"{where}: {name} missing")
        if len(found[name]) > high:
            raise Invalid(f"{where}: {name} {'not allowed' if high == 0 else 'repeated'}")
    return found


def attributes(
    elem: ET.Element, required: Sequence[str], where: str, optional: Sequence[str] = ()
) -> dict[str, str]:
    """``elem``'s attributes (not to be changed), which must be ``required`` and ``optional``."""
    attrs = elem.attrib
    for name in required:
        if name not in attrs:
            raise Invalid(f"{where}: attribute {name} missing")
    if len(attrs) > len(required):
        for name in attrs:
            if name not in required and name not in optional:
                raise Invalid(f"{where}: an unexpected attribute")
    return attrs


def leaf(elem: ET.Element, where: str, attrs: Sequence[str] = ()) -> tuple[str, dict[str, str]]:
    """The text and attributes of an element that holds text only."""
    if len(elem):
        raise Invalid(f"{where}: an element inside a text element")
    return elem.text or "", attributes(elem, attrs, where)


def declared(
    elements: list[ET.Element], prefix: str, optional: Sequence[str], spec: Spec
) -> set[str]:
    """The OIDs of users or signature meanings, each declared once with its text parts."""
    oids: set[str] = set()
    for element in elements:
        oid = attributes(element, ("OID",), "AdminData", optional)["OID"]
        where = f"AdminData, {oid_of(oid)}"
        if not oid.startswith(prefix) or oid in oids:
            raise Invalid(f"{where}: not a {prefix} OID, or declared twice")
        for parts in children(element, spec, where).values():
            for part in parts:
                leaf(part, where)
        oids.add(oid)
    return oids


def one(found: dict[str, list[ET.Element]], name: str) -> ET.Element | None:
    return found[name][0] if found.get(name) else None
