"""The site's acknowledgement reader (``cmlentry ack FILE``) against hostile files (security.md
§6): a kit of single-fault acknowledgements, each refused with its own typed error and the site
workspace left exactly as it was, and a Hypothesis run of random byte mutations, none accepted.

Every file starts from a real acknowledgement: the registry's answer to a real batch of FR-086,
made by the importer. Faults behind the signature are sealed again with the registry's own key
(:func:`~cmlentry.services.registry.ack_files.seal_ack`, as the registry would seal a file that
says something else), so each is refused for what it says and not at the signature; two control
files made the same way with nothing wrong must be accepted. A second centre (DE-012) trusting
the same registry, and a site that trusts no registry yet, give the wrong-site vectors.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from cmlentry.cli import EXIT_FAILED
from cmlentry.crypto.container import Recipient
from cmlentry.crypto.container_errors import (
    BadSignature,
    NotABatch,
    PayloadHashMismatch,
    TrailingData,
    Truncated,
    UnknownSenderKey,
    WrongFileKind,
    WrongRecipient,
)
from cmlentry.crypto.keyfiles import KeyPairs, key_time
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.pseudonym import RegistryId
from cmlentry.errors import CmlentryError
from cmlentry.services.batches.ack import (
    AckForUnknownBatch,
    AckInvalid,
    AckService,
    NoTrustedRegistry,
)
from cmlentry.services.batches.export import ExportService
from cmlentry.services.keys import KeyService
from cmlentry.services.registry.ack_files import seal_ack
from cmlentry.services.registry.acks import AckContent, CaseAnswer
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import Workspace
from cmlentry.storage.models import Base
from tests.batch_world import (
    ADMIN,
    PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    make_site,
    make_world,
    register_site,
)
from tests.cli.test_cli import assert_one_sentence, run
from tests.conftest import FakeClock
from tests.harness.batch_forge import ACK_SIG_LABEL, PREAMBLE, Parts, assemble, flip

pytestmark = pytest.mark.timeout(300)

DE_012 = SiteDetails.checked("DE", "012", "Uniklinik Test")
ACK_NAME = "FR-086-000001.cmlack"


@dataclass
class AckWorld:
    """Everything the vectors are made from; no workspace in it is open between tests."""

    world: World  # FR-086 and the registry
    pristine: Path  # FR-086 as it was before any acknowledgement was read
    other: World  # DE-012, trusting the same registry, its batch 1 imported
    bare: World  # a site that trusts no registry key yet
    batch: bytes  # FR-086's batch 1
    ack: bytes  # the registry's acknowledgement of it
    other_ack: bytes  # the registry's acknowledgement of DE-012's batch 1
    content: AckContent  # what ``ack`` says, as the site reads it
    other_content: AckContent
    registry: KeyPairs  # the registry's own key set, to seal forged acknowledgements
    site: Recipient  # FR-086's archive key, which acknowledgements are sealed to
    other_site: Recipient
    second_registry: KeyPairs  # another registry's key set, which no site trusts

    def seal(self, content: AckContent, to: Recipient | None = None) -> bytes:
        """``content`` sealed and signed by the registry, as the importer seals it."""
        created = key_time(self.world.clock())
        return seal_ack(content, self.registry, to or self.site, created)


def _site_world(world: World, folder: Path) -> World:
    return World(folder, world.registry_folder, world.out, world.clock)


def _import(world: World, path: Path) -> bytes:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            outcome = ImportService(ws, store).import_file(path, world.out)
        finally:
            store.close()
    assert outcome.status == "imported" and outcome.ack_path is not None, outcome.error
    return outcome.ack_path.read_bytes()


def _recipient(world: World) -> Recipient:
    """The site's archive key, as the registry seals acknowledgements to it."""
    with world.site() as ws:
        keys = KeyService(ws).site_public_keys()
    return Recipient(keys.key_id, keys.encryption_key())


def _content(world: World, ack: bytes) -> AckContent:
    """What ``ack`` says, verified as the site verifies it (nothing is recorded)."""
    with world.site() as ws:
        content, _sha = AckService(ws).verify(ack, "ack.cmlack")
    return content


@pytest.fixture(scope="module")
def aw(tmp_path_factory: pytest.TempPathFactory) -> AckWorld:
    folder = tmp_path_factory.mktemp("ack-vectors")
    clock = FakeClock()
    world, complete = make_world(folder, clock, cases=6)
    with world.site() as ws:
        batch_path = ExportService(ws).export(world.out, complete).path
    batch = batch_path.read_bytes()
    ack = _import(world, batch_path)
    pristine = shutil.copytree(world.site_folder, folder / "fr-pristine")

    # DE-012: a second centre that trusts the same registry and has a batch of its own.
    other = World(folder / "de", world.registry_folder, folder / "de-out", clock)
    other.out.mkdir()
    other_complete = make_site(other.site_folder, clock, site=DE_012, cases=3, seed=12)
    with other.site(ADMIN, PASSWORD) as ws:
        KeyService(ws).trust_registry_key(world.out / "registry.cmlkey")
        KeyService(ws).export_site_public_key(other.out / "site.cmlkey")
    register_site(world, other.out / "site.cmlkey", None)
    with other.site() as ws:
        other_batch = ExportService(ws).export(other.out, other_complete).path
    other_ack = _import(other, other_batch)

    bare = World(folder / "bare", world.registry_folder, world.out, clock)
    make_site(bare.site_folder, clock, site=SiteDetails.checked("FR", "087", "CH Nu"), cases=0)

    with world.registry() as ws:
        registry = KeyService(ws).registry_key_pairs()
    return AckWorld(
        world, pristine, other, bare, batch, ack, other_ack,
        _content(world, ack), _content(other, other_ack),
        registry, _recipient(world), _recipient(other), KeyPairs.generate("registry"),
    )  # fmt: skip


# --- the vectors --------------------------------------------------------------------------------

Build = Callable[[AckWorld], bytes]


@dataclass(frozen=True)
class AckVector:
    name: str
    wrong: str
    expected: type[CmlentryError]
    build: Build
    reader: str = "fr"  # which site reads it: "fr", "de" (DE-012) or "bare" (no registry key)
    problem: str | None = None  # an AckInvalid's problem must say this


def _answers(edit: Callable[[list[CaseAnswer]], object]) -> Build:
    """The real acknowledgement's content with its answers edited, sealed by the registry."""

    def build(aw: AckWorld) -> bytes:
        answers = list(aw.content.answers)
        edit(answers)
        return aw.seal(dataclasses.replace(aw.content, answers=tuple(answers)))

    return build


def _batch(sequence: int | None = None, sha256: str | None = None) -> Build:
    """The real content answering another batch (number or file hash), sealed by the registry."""

    def build(aw: AckWorld) -> bytes:
        content = aw.content
        return aw.seal(
            dataclasses.replace(
                content,
                sequence=sequence or content.sequence,
                batch_sha256=sha256 or content.batch_sha256,
            )
        )

    return build


def _another_revision(answers: list[CaseAnswer]) -> None:
    answers[0] = dataclasses.replace(answers[0], revision=answers[0].revision + 1)


def _a_case_more(answers: list[CaseAnswer]) -> None:
    answers.append(CaseAnswer(str(RegistryId("FR", "086", 9000)), 1, "accepted"))


def _naming_fr_086_for_de_012(aw: AckWorld) -> bytes:
    """DE-012's own answers, batch and key, but naming FR-086 as the site it answers."""
    return aw.seal(dataclasses.replace(aw.other_content, site="FR-086"), aw.other_site)


def _second_registry(aw: AckWorld) -> bytes:
    """The real content sealed by another registry, under its own key id."""
    created = key_time(aw.world.clock())
    return seal_ack(aw.content, aw.second_registry, aw.site, created)


def _second_registry_posing(aw: AckWorld) -> bytes:
    """The real file signed again by another registry, still naming the trusted key id."""
    p = Parts.of(aw.ack)
    return assemble(
        p.header, p.ciphertext, signer=aw.second_registry.signing, sender=p.sender,
        recipient=p.recipient, kind=p.kind, label=ACK_SIG_LABEL,
    )  # fmt: skip


def _header_middle(aw: AckWorld) -> int:
    return PREAMBLE.size + len(Parts.of(aw.ack).header) // 2


VECTORS = [
    AckVector("batch.sequence", "it answers batch 2, which the site never made",
              AckForUnknownBatch, _batch(sequence=2)),
    AckVector("batch.sha256", "it answers a batch 1 made differently (another file hash)",
              AckForUnknownBatch, _batch(sha256="ab" * 32)),
    AckVector("batch.site", "DE-012's answer to its own batch 1, naming FR-086, read at DE-012",
              AckForUnknownBatch, _naming_fr_086_for_de_012, reader="de"),
    AckVector("cases.one_missing", "it leaves out a case of the batch", AckInvalid,
              _answers(lambda a: a.pop()), problem="its cases are not those of the batch"),
    AckVector("cases.one_more", "it answers a case the batch did not hold", AckInvalid,
              _answers(_a_case_more), problem="its cases are not those of the batch"),
    AckVector("cases.revision", "it answers another revision of a case", AckInvalid,
              _answers(_another_revision), problem="another revision"),
    AckVector("key.none_trusted", "read at a site that trusts no registry key yet",
              NoTrustedRegistry, lambda aw: aw.ack, reader="bare"),
    AckVector("key.second_registry", "sealed and signed by a second registry's key",
              UnknownSenderKey, _second_registry),
    AckVector("key.posing", "signed by a second registry under the trusted key's id",
              BadSignature, _second_registry_posing),
    AckVector("key.sender_id", "a bit flipped in the sender key id", UnknownSenderKey,
              lambda aw: flip(aw.ack, 24)),
    AckVector("key.recipient_id", "a bit flipped in the recipient key id", WrongRecipient,
              lambda aw: flip(aw.ack, 44)),
    AckVector("flip.signature", "a bit flipped in the signature", BadSignature,
              lambda aw: flip(aw.ack, 64 + 20)),
    AckVector("flip.header", "a bit flipped in the header", BadSignature,
              lambda aw: flip(aw.ack, _header_middle(aw))),
    AckVector("flip.ciphertext", "a bit flipped in the ciphertext", PayloadHashMismatch,
              lambda aw: flip(aw.ack, len(aw.ack) - 1)),
    AckVector("cut.last_byte", "the last byte cut off", Truncated, lambda aw: aw.ack[:-1]),
    AckVector("cut.in_preamble", "cut inside its first 128 bytes", Truncated,
              lambda aw: aw.ack[:100]),
    AckVector("cut.magic", "cut inside the magic", NotABatch, lambda aw: aw.ack[:5]),
    AckVector("trailing", "one byte more at its end", TrailingData, lambda aw: aw.ack + b"\0"),
    AckVector("kind.batch", "the batch file itself given as its acknowledgement", WrongFileKind,
              lambda aw: aw.batch),
    AckVector("site.other", "DE-012's real acknowledgement read at FR-086", WrongRecipient,
              lambda aw: aw.other_ack),
    AckVector("site.ours_at_other", "FR-086's real acknowledgement read at DE-012",
              WrongRecipient, lambda aw: aw.ack, reader="de"),
]  # fmt: skip


Snapshot = dict[str, list[str]]


def snapshot(ws: Workspace) -> Snapshot:
    """Every row of every table of the site workspace, as text, in a stable order."""
    with ws.db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


def reader(aw: AckWorld, name: str) -> World:
    return {"fr": aw.world, "de": aw.other, "bare": aw.bare}[name]


@pytest.mark.parametrize("vector", [pytest.param(v, id=v.name) for v in VECTORS])
def test_vector_is_refused_with_its_error_and_changes_nothing(
    aw: AckWorld, vector: AckVector, tmp_path: Path
) -> None:
    path = tmp_path / ACK_NAME
    path.write_bytes(vector.build(aw))
    with reader(aw, vector.reader).site() as ws:
        before = snapshot(ws)
        with pytest.raises(CmlentryError) as refused:
            AckService(ws).read(path)
        after = snapshot(ws)

    error = refused.value
    assert type(error) is vector.expected, error
    if vector.problem is not None:
        assert vector.problem in str(error.params["problem"])
    assert after == before
    # One sentence for the site: it names the file (unless it is about the workspace) and
    # says nothing of an import, which is the registry's business (the container's sentences
    # once ended in "nothing was imported" here too).
    if vector.expected is not NoTrustedRegistry:
        assert error.params["file"] == ACK_NAME and ACK_NAME in error.message
    assert "nothing was changed" in error.message
    assert "imported" not in error.message


def test_the_kit_covers_the_faults_of_the_brief() -> None:
    expected = {v.expected for v in VECTORS}
    for kind in (AckForUnknownBatch, AckInvalid, NoTrustedRegistry, UnknownSenderKey,
                 BadSignature, PayloadHashMismatch, Truncated, TrailingData, WrongFileKind,
                 WrongRecipient):  # fmt: skip
        assert kind in expected, kind.__name__
    assert len({v.name for v in VECTORS}) == len(VECTORS)


# --- controls: the same tools with nothing wrong ------------------------------------------------


@pytest.fixture
def fresh_site(aw: AckWorld, tmp_path: Path) -> World:
    """FR-086 as it was before any acknowledgement was read, in a copy of its own."""
    return _site_world(aw.world, shutil.copytree(aw.pristine, tmp_path / "site"))


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda aw: aw.ack, id="the_real_file"),
        pytest.param(lambda aw: aw.seal(aw.content), id="sealed_again_unchanged"),
    ],
)
def test_control_with_nothing_wrong_is_accepted(
    aw: AckWorld, fresh_site: World, build: Build, tmp_path: Path
) -> None:
    path = tmp_path / ACK_NAME
    path.write_bytes(build(aw))
    with fresh_site.site() as ws:
        before = snapshot(ws)
        result = AckService(ws).read(path)
        after = snapshot(ws)
    assert not result.already_read
    assert result.accepted == result.acknowledged == len(aw.content.answers) > 0
    changed = {name for name in before if before[name] != after[name]}
    assert {"batches", "batch_cases", "cases"} <= changed


# --- random byte mutations ----------------------------------------------------------------------

MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "delete", "insert", "overwrite"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=4,
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    mutant = bytearray(data)
    for kind, where, value in mutations:
        at = int(where * len(mutant)) if mutant else 0
        if kind == "flip" and at < len(mutant):
            mutant[at] ^= value[0] or 1
        elif kind == "delete":
            del mutant[at : at + len(value)]
        elif kind == "insert":
            mutant[at:at] = value
        else:
            mutant[at : at + len(value)] = value
    return bytes(mutant)


@pytest.fixture
def fr_site(aw: AckWorld) -> Iterator[Workspace]:
    with aw.world.site() as ws:
        yield ws


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations=MUTATIONS)
def test_random_byte_mutations_are_never_accepted(
    aw: AckWorld, fr_site: Workspace, tmp_path: Path, mutations: list[tuple[str, float, bytes]]
) -> None:
    data = mutate(aw.ack, mutations)
    assume(data != aw.ack)
    path = tmp_path / ACK_NAME
    path.write_bytes(data)
    before = snapshot(fr_site)
    with pytest.raises(CmlentryError) as refused:
        AckService(fr_site).read(path)
    assert type(refused.value) is not CmlentryError  # a typed refusal with its own code
    assert snapshot(fr_site) == before


# --- the command line ---------------------------------------------------------------------------


def test_ack_command_refuses_in_one_sentence_and_marks_nothing(
    aw: AckWorld, fresh_site: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("CMLENTRY_USER", PI)
    monkeypatch.setenv("CMLENTRY_PASSWORD", PI_PASSWORD)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    site = ["--workspace", str(fresh_site.site_folder)]
    cut = tmp_path / ACK_NAME
    cut.write_bytes(aw.ack[:-7])
    code, _, err, _ = run(["ack", *site, str(cut)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, ACK_NAME, "cut short", "nothing was changed")
    assert "imported" not in err

    missing = tmp_path / "FR-086-000009.cmlack"
    code, _, err, _ = run(["ack", *site, str(missing)], capsys)
    assert code == EXIT_FAILED
    assert_one_sentence(err, "could not read FR-086-000009.cmlack", "nothing was changed")

    with fresh_site.site() as ws:
        statuses = {b.sequence: b.acknowledged_at for b in ExportService(ws).batches()}
    assert statuses == {1: None}
