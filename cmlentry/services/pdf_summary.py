"""Draws a :class:`~cmlentry.services.case_summary.CaseSummaryDoc` as an A4 PDF (reportlab).

The document: a header with the case's registry ID, centre, status and review progress; each
form with its answers (item label, answer as read, source-verification mark); the queries; and
at the end the signature box: who signed (printed name and user name), when (UTC), the meaning
statement, the first 16 hex digits of the signed content's SHA-256, and whether the signature
verifies now. Every page carries a footer: registry ID, "page n of m", when and by whom it was
printed, and the application's version.

Text is drawn with a TrueType font so that accented names and signs such as "≥" print: DejaVu
Sans from ``resources/fonts/`` where it is installed, else Bitstream Vera, which reportlab
ships (Latin-1 and more; DejaVu is Vera extended). reportlab's 14 standard fonts would cover
Latin-1 only. Every stored text is escaped before it reaches reportlab's paragraph markup.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cmlentry.services.case_summary import (
    Answer,
    CaseSummaryDoc,
    FormSummary,
    GroupSummary,
    QuerySummary,
    utc_text,
)
from cmlentry.services.definitions import resources_folder

FONT = "CmlSummarySans"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
CHECK = '<font name="ZapfDingbats">✔</font>'  # a standard PDF font: on every reader
GREY = colors.HexColor("#f0f0f0")
RULE = colors.HexColor("#b0b0b0")
HASH_SHOWN = 16

_STATE_WORDS = {
    "open": "open",
    "answered": "answered, waiting to be closed",
    "closed": "closed",
    "cancelled": "cancelled",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_FACES = ("", "-Bold", "-Italic", "-BoldItalic")
_DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
           "DejaVuSans-BoldOblique.ttf")  # fmt: skip
_VERA = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")


@functools.cache
def register_fonts() -> tuple[str, frozenset[int]]:
    """Register the summary's font family once per process: its name, the characters it draws.

    DejaVu Sans when it is installed with the application, else reportlab's own Vera; a face
    that is missing (say the italic) is drawn with the regular one.
    """
    folder, names = resources_folder() / "fonts", _DEJAVU
    if not (folder / names[0]).is_file():
        folder, names = Path(reportlab.__file__).parent / "fonts", _VERA
    files = [folder / n if (folder / n).is_file() else folder / names[0] for n in names]
    fonts = [TTFont(f"{FONT}{face}", str(path)) for face, path in zip(_FACES, files, strict=True)]
    for font in fonts:
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )  # fmt: skip
    return FONT, frozenset(fonts[0].face.charToGlyph)


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    form: ParagraphStyle
    group: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    small: ParagraphStyle


def _styles(font: str) -> _Styles:
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
    bold = f"{font}-Bold"

    def style(name: str, size: float, leading: float, **more: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, fontSize=size, leading=leading, **more)

    return _Styles(
        title=style("title", 16, 20, fontName=bold),
        subtitle=style("subtitle", 10, 13),
        form=style("form", 12.5, 16, fontName=bold, spaceBefore=10, spaceAfter=2),
        group=style("group", 10, 13, fontName=bold, spaceBefore=6, spaceAfter=3),
        body=body,
        cell=style("cell", 8.5, 10.5),
        small=style("small", 8, 10, textColor=colors.grey),
    )


_SUPERSCRIPTS = {ord(c): d for c, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-", strict=True)}


def text(value: str) -> str:
    """Stored text made safe for paragraph markup: escaped, control characters dropped.

    A character the font cannot draw would print as an empty box: a superscript digit (units
    such as ×10⁹/L) is raised with markup instead, and a letter with a mark the font lacks falls
    back to its base letter ("ș" to "s") rather than vanish. DejaVu Sans draws all of them.
    """
    _font, covered = register_fonts()
    out: list[str] = []
    for char in _NOT_XML.sub("", value):
        if ord(char) in covered or char == "\n":
            out.append(escape(char))
        elif ord(char) in _SUPERSCRIPTS:
            out.append(f"<super>{_SUPERSCRIPTS[ord(char)]}</super>")
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in covered)
            out.append(escape(base or "?"))
    return "".join(out).replace("\n", "<br/>")


def render_pdf(doc: CaseSummaryDoc) -> bytes:
    """The PDF of ``doc``, in memory (nothing is written to disk here).

    Laid out twice: the first pass counts the pages that "page n of m" names on every page.
    """
    font, _covered = register_fonts()
    styles = _styles(font)
    pages = _build(doc, styles, font, total=None)[1]
    return _build(doc, styles, font, total=pages)[0]


def _build(doc: CaseSummaryDoc, styles: _Styles, font: str, total: int | None) -> tuple[bytes, int]:
    out = io.BytesIO()
    template = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=f"Case summary {doc.registry_id}",
        author=f"{doc.printed_by} ({doc.printed_by_username})",
        subject=doc.definition_title,
        creator=f"cmlentry {doc.app_version}",
    )
    story: list[Flowable] = [*_header(doc, styles)]
    for form in doc.forms:
        story.extend(_form(form, styles))
    story.extend(_queries(doc.queries, styles))
    story.extend(_signature(doc, styles))
    last = 0

    def footer(canvas: Canvas, _template: object) -> None:
        nonlocal last
        last = canvas.getPageNumber()
        printed = (
            f"Printed {utc_text(doc.printed_at)} by {doc.printed_by} "
            f"({doc.printed_by_username}) · cmlentry {doc.app_version}"
        )
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, 14 * mm, MARGIN + WIDTH, 14 * mm)
        canvas.drawString(MARGIN, 10.5 * mm, f"{doc.registry_id} · page {last} of {total or '?'}")
        canvas.drawString(MARGIN, 7 * mm, printed)
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue(), last


# --- parts of the document --------------------------------------------------------------------


def _header(doc: CaseSummaryDoc, s: _Styles) -> list[Flowable]:
    signed = (
        f"signed by {text(doc.signature.printed_name)} on {utc_text(doc.signature.signed_at)}"
        if doc.signature is not None
        else "Not signed"
    )
    facts = [
        ("Registry ID", text(doc.registry_id)),
        ("Centre", text(doc.centre)),
        ("Case status", text(doc.status)),
        ("Source verification", f"{doc.verified} of {doc.answers} answers verified"),
        ("Signature", signed),
    ]
    rows = [[Paragraph(f"<b>{k}</b>", s.cell), Paragraph(v, s.cell)] for k, v in facts]
    table = Table(rows, colWidths=[45 * mm, WIDTH - 45 * mm])
    table.setStyle(_grid())
    return [
        Paragraph(f"Case summary {text(doc.registry_id)}", s.title),
        Paragraph(text(doc.definition_title), s.subtitle),
        Paragraph(
            "Pseudonymised record for the site file: it holds no name, birth date or hospital "
            "number.",
            s.small,
        ),
        Spacer(1, 4 * mm),
        table,
    ]


def _form(form: FormSummary, s: _Styles) -> list[Flowable]:
    heading = Paragraph(text(form.label), s.form)
    status = Paragraph(
        f"Form status: {text(form.status)} · definition version {text(form.definition_version)}",
        s.small,
    )
    if not form.groups:
        return [KeepTogether([heading, status, Paragraph("No answers entered.", s.cell)])]
    parts: list[Flowable] = [CondPageBreak(40 * mm), heading, status]
    for group in form.groups:
        parts.append(CondPageBreak(25 * mm))  # a group's title never ends a page alone
        parts.append(Paragraph(text(group.label), s.group))
        parts.append(_group_table(group, s))
    return parts


def _group_table(group: GroupSummary, s: _Styles) -> Table:
    widths = [0.36 * WIDTH, 0.40 * WIDTH, 0.24 * WIDTH]
    rows: list[list[Any]] = [
        [Paragraph(f"<b>{h}</b>", s.cell) for h in ("Item", "Answer", "Verified against source")]
    ]
    style = _grid()
    for row in group.rows:
        if row.number is not None:
            style.add("SPAN", (0, len(rows)), (-1, len(rows)))
            style.add("BACKGROUND", (0, len(rows)), (-1, len(rows)), GREY)
            rows.append([Paragraph(f"<b>Row {row.number}</b>", s.cell), "", ""])
        for answer in row.answers:
            rows.append(_answer_cells(answer, s))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return table


def _answer_cells(answer: Answer, s: _Styles) -> list[Any]:
    if answer.derived:
        shown = f"{text(answer.text)} <i>(calculated)</i>"
    elif answer.missing:
        shown = f"<i>missing: {text(answer.text)}</i>"
    else:
        shown = text(answer.text)
    if answer.override:
        shown += f"<br/><i>Warning overridden: {text(answer.override)}</i>"
    mark = answer.verified
    verified = (
        f"{CHECK} {text(mark.printed_name)} ({text(mark.username)}), {utc_text(mark.at_utc)}"
        if mark is not None
        else ""
    )
    return [
        Paragraph(text(answer.label), s.cell),
        Paragraph(shown, s.cell),
        Paragraph(verified, s.cell),
    ]


def _queries(queries: Sequence[QuerySummary], s: _Styles) -> list[Flowable]:
    heading = Paragraph("Queries", s.form)
    if not queries:
        return [KeepTogether([heading, Paragraph("No queries were raised on this case.", s.cell)])]
    rows: list[list[Any]] = [
        [
            Paragraph(f"<b>{h}</b>", s.cell)
            for h in ("Item and question", "State", "Answer", "Closed or cancelled")
        ]
    ]
    for found in queries:
        q = found.query
        origin = "registry" if q.origin == "registry" else "site"
        asked = (
            f"<b>{text(found.where)}</b><br/>{text(q.text)}<br/>"
            f"<i>raised by {text(q.raised_name)} ({origin}), {utc_text(q.raised_at)}</i>"
        )
        answer = (
            f"{text(q.answer)}<br/><i>{text(q.answered_name or '')}, "
            f"{utc_text(q.answered_at or '')}</i>"
            if q.answer is not None
            else ""
        )
        closed = (
            f"<i>{text(q.closed_name or '')}, {utc_text(q.closed_at)}</i>"
            + (f"<br/>{text(q.note)}" if q.note else "")
            if q.closed_at is not None
            else ""
        )
        rows.append(
            [
                Paragraph(asked, s.cell),
                Paragraph(text(_STATE_WORDS.get(q.state, q.state)), s.cell),
                Paragraph(answer, s.cell),
                Paragraph(closed, s.cell),
            ]
        )
    widths = [0.40 * WIDTH, 0.14 * WIDTH, 0.26 * WIDTH, 0.20 * WIDTH]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_grid())
    return [CondPageBreak(30 * mm), heading, table]


def signature_sentence(doc: CaseSummaryDoc) -> str:
    """The signature box's sentence in plain text (what the box prints, without markup)."""
    sig = doc.signature
    if sig is None:
        return "Not signed."
    return (
        f"Electronically signed by {sig.printed_name} ({sig.username}), "
        f'{utc_text(sig.signed_at)}, meaning: "{sig.meaning}"; '
        f"content SHA-256 {sig.content_sha256[:HASH_SHOWN]}…"
    )


def _signature(doc: CaseSummaryDoc, s: _Styles) -> list[Flowable]:
    heading = Paragraph("Electronic signature", s.form)
    lines = [Paragraph(f"<b>{text(signature_sentence(doc))}</b>", s.body)]
    if doc.signature is None:
        lines.append(Paragraph("The principal investigator has not signed this case.", s.cell))
    elif doc.signature_verifies:
        lines.append(
            Paragraph(
                f"{CHECK} The signature verifies: the case's content is the content that was "
                "signed.",
                s.cell,
            )
        )
    else:
        problem = f": {text(doc.signature_problem)}" if doc.signature_problem else ""
        lines.append(Paragraph(f"<b>The signature does NOT verify{problem}.</b>", s.cell))
    box = Table([[lines]], colWidths=[WIDTH])
    box.setStyle(_padded(8, 6, 8, ("BOX", (0, 0), (-1, -1), 1.2, colors.black)))
    parts: list[Flowable] = [KeepTogether([heading, box])]
    if doc.earlier_signatures:
        parts.append(Paragraph("Earlier signatures, dropped when the case was unlocked", s.group))
        for old in doc.earlier_signatures:
            parts.append(
                Paragraph(
                    f"Signed by {text(old.printed_name)} ({text(old.username)}), "
                    f"{utc_text(old.signed_at)}, meaning: “{text(old.meaning)}”; "
                    f"unlocked by {text(old.revoked_by or '')}, {utc_text(old.revoked_at or '')}"
                    f", reason: {text(old.revoke_reason or '')}",
                    s.cell,
                )
            )
    return parts


def _padded(side: float, top: float, bottom: float, rule: tuple[Any, ...]) -> TableStyle:
    cells = ((0, 0), (-1, -1))
    return TableStyle(
        [
            rule,
            ("VALIGN", *cells, "TOP"),
            ("LEFTPADDING", *cells, side),
            ("RIGHTPADDING", *cells, side),
            ("TOPPADDING", *cells, top),
            ("BOTTOMPADDING", *cells, bottom),
        ]
    )


def _grid() -> TableStyle:
    return _padded(4, 2, 3, ("GRID", (0, 0), (-1, -1), 0.4, RULE))
