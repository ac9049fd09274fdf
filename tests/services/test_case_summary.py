"""The printed case summary: what the PDF says (read back with pypdf), what it must never say,
and that writing it is all or nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.domain.values import Entry
from cmlentry.errors import DiskFull, ReadOnlyDestination, UnknownCase
from cmlentry.services.case_summary import Answer, CaseSummaryDoc, CaseSummaryService, utc_text
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.identities import IdentityService
from cmlentry.services.pdf_summary import register_fonts, text
from cmlentry.services.queries import QueryService
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress, ReviewService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, open_workspace
from tests.batch_world import ADMIN, PASSWORD, make_site
from tests.conftest import FakeClock
from tests.services.test_maintenance import tmpfs

SIGNER = "helene"
SIGNER_NAME = "Hélène Lefèvre"
SIGNER_PASSWORD = "pi-pass-Grenoble-2026"
STUDY = "Étude « CML-Lyon » — l’essai ≥ 2 ans"
PLATELETS = ItemAddress("diagnosis", "baseline", 1, "platelets")
SEX = ItemAddress("patient", "patient", 1, "sex")


@dataclass
class Place:
    folder: Path
    clock: FakeClock
    case: str  # a complete case

    def open(self, username: str = SIGNER, password: str = SIGNER_PASSWORD) -> Workspace:
        return open_workspace(self.folder, username, password, clock=self.clock, policy=OWASP_FLOOR)


@pytest.fixture
def place(tmp_path: Path) -> Iterator[Place]:
    clock = FakeClock()
    site = SiteDetails.checked("FR", "086", "CHU de Test")
    complete = make_site(tmp_path / "site", clock, site=site, cases=2)
    folder = tmp_path / "site"
    with open_workspace(folder, ADMIN, PASSWORD, clock=clock, policy=OWASP_FLOOR) as ws:
        UserService(ws).add_user(SIGNER, SIGNER_NAME, "pi", "first-pass-1234")
    with open_workspace(folder, SIGNER, "first-pass-1234", clock=clock, policy=OWASP_FLOOR) as ws:
        UserService(ws).change_own_password("first-pass-1234", SIGNER_PASSWORD)
    yield Place(folder, clock, complete[0])


def services(ws: Workspace) -> tuple[CaseService, ReviewService, QueryService, CaseSummaryService]:
    cases = CaseService(ws)
    review, queries = ReviewService(ws, cases), QueryService(ws, cases)
    return cases, review, queries, CaseSummaryService(ws, cases, review, queries)


def change(cases: CaseService, rid: str, form_id: str, group_id: str, **new: Entry) -> None:
    """Change answers of a complete form's first row, with a reason, as the case editor does."""
    groups = cases.get_case(rid).forms[form_id].groups
    rows = [RowData(row.key, dict(row.entries)) for row in groups[group_id]]
    rows[0].entries.update(new)  # type: ignore[attr-defined]
    cases.save_form(rid, form_id, {**groups, group_id: rows}, reason="checked")


def pdf_text(path: Path) -> tuple[list[str], str]:
    """Each page's text, and the whole text with every run of white space made one space."""
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages, " ".join(" ".join(pages).split())


def answer_of(doc: CaseSummaryDoc, form_id: str, label: str) -> Answer:
    form = next(f for f in doc.forms if f.form_id == form_id)
    return next(a for g in form.groups for r in g.rows for a in r.answers if a.label == label)


# --- what it shows ----------------------------------------------------------------------------


def test_a_signed_case_prints_its_answers_review_and_signature(
    place: Place, tmp_path: Path
) -> None:
    rid = place.case
    with place.open() as ws:
        cases, review, queries, _ = services(ws)
        change(
            cases, rid, "patient", "patient",
            prospective_study=Entry("Y"),
            prospective_study_name=Entry(STUDY),
            birth_month=Entry(None, "UNK"),
        )  # fmt: skip
        assert cases.get_case(rid).status == "complete"
        review.set_verified(rid, SEX, verified=True)
        query = queries.raise_query(rid, PLATELETS, "Plaquettes ≥ 1000 ? Vérifier l’hémogramme")
    place.clock.advance(600)
    with open_workspace(place.folder, ADMIN, PASSWORD, clock=place.clock, policy=OWASP_FLOOR) as ws:
        QueryService(ws, CaseService(ws)).answer(query.id, "Confirmé sur le compte rendu")
    place.clock.advance(600)
    with place.open() as ws:
        cases, review, queries, summaries = services(ws)
        queries.close(query.id, "merci")
        place.clock.advance(3600)
        signature = review.sign(rid, SIGNER, SIGNER_PASSWORD)
        place.clock.advance(60)
        doc = summaries.summary(rid)
        path = summaries.write_pdf(rid, tmp_path / "summary.pdf")

    assert path == tmp_path / "summary.pdf"
    assert doc.signature == signature and doc.signature_verifies
    pages, text = pdf_text(path)
    # The signature box, as the brief words it, from what the service stored.
    assert (
        f"Electronically signed by {SIGNER_NAME} ({SIGNER}), {utc_text(signature.signed_at)}, "
        f'meaning: "{MEANING_APPROVAL}"; content SHA-256 {signature.content_sha256[:16]}…'
    ) in text
    assert "The signature verifies" in text and "Not signed" not in text
    # Answers as a person reads them: code labels, missing-data codes in words, overrides.
    assert answer_of(doc, "patient", "Sex").text in {"male", "female"}
    month = answer_of(doc, "patient", "Month of birth")
    assert (month.text, month.missing) == ("unknown", True)
    assert "Month of birth missing: unknown" in text
    assert f"Which study {STUDY}" in text  # French punctuation and "≥" print as typed
    wbc = answer_of(doc, "diagnosis", "White blood cells")
    assert f"Warning overridden: {wbc.override}" in text
    assert "Sokal score" in text and "(calculated)" in text
    # The SDV mark names who verified, and when (before the signature's time).
    mark = answer_of(doc, "patient", "Sex").verified
    assert mark is not None and mark.printed_name == SIGNER_NAME
    assert f"{SIGNER_NAME} ({SIGNER}), {utc_text(mark.at_utc)}" in text
    assert doc.verified == 1 and f"1 of {doc.answers} answers verified" in text
    # The query with its question, answer and closing note, in words.
    assert "Plaquettes ≥ 1000 ? Vérifier l’hémogramme" in text
    assert "Confirmé sur le compte rendu" in text and "merci" in text
    assert "Diagnosis and baseline › Blood counts and spleen at diagnosis › Platelets" in text
    # Every page's footer: registry ID, page n of m, when and by whom, the version.
    for number, page in enumerate(pages, start=1):
        assert f"{rid} · page {number} of {len(pages)}" in page
        assert f"by {SIGNER_NAME} ({SIGNER}) · cmlentry" in " ".join(page.split())
    assert len(pages) > 1


def test_an_unsigned_case_says_not_signed_and_keeps_dropped_signatures(
    place: Place, tmp_path: Path
) -> None:
    rid = place.case
    with place.open() as ws:
        _cases, review, _queries, summaries = services(ws)
        path = summaries.write_pdf(rid, tmp_path / "never.pdf")
        _, never = pdf_text(path)
        first = review.sign(rid, SIGNER, SIGNER_PASSWORD)
        place.clock.advance(3600)
        review.unlock(rid, "correction demandée : plaquettes")
        doc = summaries.summary(rid)
        _, dropped = pdf_text(summaries.write_pdf(rid, tmp_path / "dropped.pdf"))

    assert "Not signed." in never and "Electronically signed" not in never
    assert "Earlier signatures" not in never
    assert doc.signature is None and not doc.signature_verifies
    assert [s.signed_at for s in doc.earlier_signatures] == [first.signed_at]
    assert "Not signed." in dropped and "Electronically signed by" not in dropped
    assert (
        f"Signed by {SIGNER_NAME} ({SIGNER}), {utc_text(first.signed_at)}" in dropped
        and f"unlocked by {SIGNER_NAME}" in dropped
        and "reason: correction demandée : plaquettes" in dropped
    )


def test_the_summary_holds_no_identifying_data(place: Place, tmp_path: Path) -> None:
    rid = place.case
    with place.open() as ws:
        identities = IdentityService(ws)
        identities.set(rid, "Quenneville-Zabrowska", "Anaïs", "1931-02-17", "HN-7788991")
        assert identities.get(rid) is not None  # the identification list does hold them
        _, _, _, summaries = services(ws)
        path = summaries.write_pdf(rid, tmp_path / "summary.pdf")
    _pages, text = pdf_text(path)
    metadata = " ".join(str(v) for v in (PdfReader(path).metadata or {}).values())
    assert rid in text  # the pseudonym is there...
    for secret in ("Quenneville", "Zabrowska", "Anaïs", "1931-02-17", "1931", "HN-7788991"):
        assert secret not in text and secret not in metadata  # ...and nothing identifying


def test_a_mistyped_case_is_refused_before_any_file(place: Place, tmp_path: Path) -> None:
    with place.open() as ws:
        _, _, _, summaries = services(ws)
        with pytest.raises(UnknownCase):
            summaries.write_pdf(str(RegistryId("FR", "086", 999)), tmp_path / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


# --- all or nothing ---------------------------------------------------------------------------


def test_a_read_only_folder_gives_the_typed_error_and_no_file(place: Place, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "cdrom", "ro,size=1m") as cdrom, place.open() as ws:
        _, _, _, summaries = services(ws)
        with pytest.raises(ReadOnlyDestination):
            summaries.write_pdf(place.case, cdrom / "summary.pdf")
        assert list(cdrom.iterdir()) == []


def test_a_full_disk_leaves_no_half_file_and_the_old_one_as_it_was(
    place: Place, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "stick", "size=16k") as stick, place.open() as ws:
        old = stick / "summary.pdf"
        old.write_bytes(b"%PDF-1.4 an older summary")
        _, _, _, summaries = services(ws)
        with pytest.raises(DiskFull):
            summaries.write_pdf(place.case, old)
        assert [p.name for p in stick.iterdir()] == ["summary.pdf"]
        assert old.read_bytes() == b"%PDF-1.4 an older summary"


def test_stored_text_is_escaped_and_never_drawn_as_empty_boxes() -> None:
    """Markup in a typed answer stays text, and a character the PDF font lacks is drawn as
    something readable (a raised digit, the base letter), never as an empty box."""
    _font, covered = register_fonts()
    shown = text("a <b>bold</b> & ×10⁹/L, Ștefan Łukasiewicz, Ő\x07")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in shown and "\x07" not in shown
    assert "×10" in shown
    assert ord("⁹") in covered or "<super>9</super>" in shown
    visible = re.sub(r"</?super>|&[a-z]+;", "", shown)
    assert all(ord(c) in covered for c in visible), visible
    assert "tefan" in visible and "ukasiewicz" in visible
