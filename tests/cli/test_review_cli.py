"""The review commands end to end, as a nurse and a PI type them: ``review``, ``queries``,
``sign``, ``verify-signature``, ``unlock`` and ``print``. Each failure is one sentence and a
non-zero exit, with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cmlentry.cli import EXIT_FAILED, EXIT_OK
from cmlentry.cli_review import parse_item
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.errors import InvalidInput
from cmlentry.services.cases import CaseService
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress, ReviewService, SignatureInfo
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.models import Signature
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import NURSE, NURSE_PASSWORD
from tests.services.review_site import PI, PI_PASSWORD, ReviewSite

PLATELETS = "diagnosis/baseline/1/platelets"


@pytest.fixture
def where(review_site: ReviewSite, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in ("CMLENTRY_SIGN_USER", "CMLENTRY_SIGN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return ["--workspace", str(review_site.folder)]


def as_user(monkeypatch: pytest.MonkeyPatch, user: str, password: str) -> None:
    monkeypatch.setenv("CMLENTRY_USER", user)
    monkeypatch.setenv("CMLENTRY_PASSWORD", password)


def signature_of(site: ReviewSite, registry_id: str) -> SignatureInfo | None:
    with open_workspace(site.folder, PI, PI_PASSWORD, clock=site.clock, policy=OWASP_FLOOR) as ws:
        return ReviewService(ws, CaseService(ws)).signature(registry_id)


def test_a_case_from_query_to_signature_to_print(
    review_site: ReviewSite,
    where: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    rid = review_site.complete[0]  # completed by the nurse

    # The PI's queue has the case, ready; she raises a query on the platelets.
    as_user(monkeypatch, PI, PI_PASSWORD)
    code, _, err, lines = run(["review", *where], capsys)
    assert code == EXIT_OK, err
    row = next(line for line in lines if line.startswith(rid))
    assert row.split()[1:3] == ["complete", "0/0"] and row.endswith("ready")
    code, _, err, lines = run(
        ["queries", "raise", rid, "--item", PLATELETS, "--text", "Plaquettes ≥ 1000 ?", *where],
        capsys,
    )
    assert code == EXIT_OK, err
    query_id = lines[0].split()[1]
    assert lines == [f"Query {query_id} on {rid} {PLATELETS} is raised."]
    code, _, err, lines = run(["review", *where], capsys)
    row = next(line for line in lines if line.startswith(rid))
    assert row.split()[2] == "1/0" and "no: 1 query to answer or close" in row

    # The nurse finds it among the open queries and answers it by its first 8 characters.
    as_user(monkeypatch, NURSE, NURSE_PASSWORD)
    code, _, err, lines = run(["queries", *where], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith(f"{query_id[:8]}  {rid}  open")
    assert "raised by Pia Investigator (site)" in lines[1] and "Plaquettes ≥ 1000 ?" in lines[1]
    code, _, err, _ = run(
        ["queries", "answer", query_id[:8], "--text", "620 on the lab sheet", *where], capsys
    )
    assert code == EXIT_OK, err
    # She may not close it (only who raised it can), nor sign the case.
    code, _, err, _ = run(["queries", "close", query_id[:8], *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "Only Pia Investigator, who raised this query, can close it")
    monkeypatch.setenv("CMLENTRY_SIGN_PASSWORD", NURSE_PASSWORD)
    code, _, err, _ = run(["sign", rid, "--signer", NURSE, *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err)
    assert signature_of(review_site, rid) is None

    # Answered is not resolved: the queue says so until the PI closes the query.
    as_user(monkeypatch, PI, PI_PASSWORD)
    code, _, err, lines = run(["review", *where], capsys)
    row = next(line for line in lines if line.startswith(rid))
    assert row.split()[2] == "0/1" and not row.endswith("ready"), row

    # The PI closes the query (her workspace option given before the action works too).
    code, _, err, lines = run(["queries", *where, "close", query_id[:8], "--note", "merci"], capsys)
    assert code == EXIT_OK, err
    assert lines == [f"Query {query_id} on {rid} {PLATELETS} is closed."]
    code, _, err, lines = run(["queries", "--case", rid, *where], capsys)
    assert lines[0].startswith(f"{query_id[:8]}  {rid}  closed")
    assert "answered by Nina Nurse" in lines[2] and "620 on the lab sheet" in lines[2]
    assert lines[3].startswith("    closed by Pia Investigator") and lines[3].endswith(": merci")

    # A wrong password at signing signs nothing.
    monkeypatch.setenv("CMLENTRY_SIGN_PASSWORD", "not-her-password")
    code, _, err, _ = run(["sign", rid, "--signer", PI, *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err)
    assert signature_of(review_site, rid) is None

    # She signs with her user name and password again; the meaning is shown before.
    monkeypatch.setenv("CMLENTRY_SIGN_USER", PI)
    monkeypatch.setenv("CMLENTRY_SIGN_PASSWORD", PI_PASSWORD)
    code, _, err, lines = run(["sign", rid, *where], capsys)
    assert code == EXIT_OK, err
    stored = signature_of(review_site, rid)
    assert stored is not None
    meaning_at = lines.index(f'    "{MEANING_APPROVAL}"')
    signed_at = lines.index(f"Case {rid} is signed and locked.")
    assert meaning_at < signed_at
    assert lines[signed_at + 1 :] == [
        f"Signed by       Pia Investigator ({PI}, pi)",
        f"At              {stored.signed_at[:10]} {stored.signed_at[11:19]} UTC",
        f'Meaning         "{MEANING_APPROVAL}"',
        f"Content SHA-256 {stored.content_sha256}",
    ]
    code, _, err, lines = run(["verify-signature", rid, *where], capsys)
    assert code == EXIT_OK, err
    assert lines[0] == f"The signature of case {rid} verifies."
    code, _, err, _ = run(["sign", rid, *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "already signed")
    code, _, _, lines = run(["review", *where], capsys)
    assert not any(line.startswith(rid) for line in lines)  # signed: out of the queue

    # The printed summary shows the signature.
    pdf = tmp_path / "summary.pdf"
    code, _, err, lines = run(["print", rid, "--to", str(pdf), *where], capsys)
    assert code == EXIT_OK, err
    assert lines == [f"The case summary was written to {pdf}."]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert f"Electronically signed by Pia Investigator ({PI})" in text
    assert "The signature verifies" in text

    # Unlocking needs a reason, and drops the signature: it no longer verifies.
    code, _, err, _ = run(["unlock", rid, "--reason", "  ", *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "reason")
    code, _, err, lines = run(["unlock", rid, "--reason", "platelets to re-check", *where], capsys)
    assert code == EXIT_OK, err
    assert lines[0].startswith(f"Case {rid} is unlocked: its signature by Pia Investigator")
    assert signature_of(review_site, rid) is None
    code, _, err, _ = run(["verify-signature", rid, *where], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "not signed")
    code, _, err, _ = run(["print", rid, "--to", str(tmp_path), *where], capsys)
    assert code == EXIT_OK, err
    again = PdfReader(tmp_path / f"case-summary-{rid}.pdf")
    text = " ".join(" ".join(p.extract_text() for p in again.pages).split())
    assert "Not signed." in text and "reason: platelets to re-check" in text


def test_verify_signature_fails_when_the_stored_signature_was_altered(
    review_site: ReviewSite,
    where: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rid = review_site.complete[0]
    as_user(monkeypatch, PI, PI_PASSWORD)
    monkeypatch.setenv("CMLENTRY_SIGN_PASSWORD", PI_PASSWORD)
    code, _, err, _ = run(["sign", rid, "--signer", PI, *where], capsys)
    assert code == EXIT_OK, err
    # Someone edits the signer's printed name in the database, behind the application.
    with (
        open_workspace(
            review_site.folder, PI, PI_PASSWORD, clock=review_site.clock, policy=OWASP_FLOOR
        ) as ws,
        ws.write() as session,
    ):
        session.scalars(select(Signature)).one().printed_name = "Paul Investigator"
    code, _, err, lines = run(["verify-signature", rid, *where], capsys)
    assert code == EXIT_FAILED
    assert lines == []
    assert_one_sentence(err, f"The signature of case {rid} does not verify")


def test_item_addresses() -> None:
    assert parse_item(PLATELETS) == ItemAddress("diagnosis", "baseline", 1, "platelets")
    assert parse_item(" patient/patient/sex ") == ItemAddress("patient", "patient", 1, "sex")
    for bad in ("platelets", "diagnosis/baseline/one/platelets", "a//1/b", "a/b/1/c/d"):
        with pytest.raises(InvalidInput):
            parse_item(bad)


def test_a_workspace_given_before_the_query_action_is_the_one_used(
    review_site: ReviewSite,
    where: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Regression: argparse let the action's default --workspace overwrite the one given
    before the action, so ``queries --workspace W raise …`` acted on the default folder."""
    as_user(monkeypatch, PI, PI_PASSWORD)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the default folder: nothing there
    rid = review_site.complete[0]
    code, _, err, _ = run(
        ["queries", *where, "raise", rid, "--item", PLATELETS, "--text", "check"], capsys
    )
    assert code == EXIT_OK, err
    code, _, err, lines = run(["queries", "--case", rid, *where], capsys)
    assert code == EXIT_OK, err
    assert len([line for line in lines if line.startswith(tuple("0123456789abcdef"))]) == 1
