"""Key sets and key files: the round trip, ids and fingerprints, and every hostile file refused.

Each hostile file is refused with its one expected typed error; none is accepted and none ends in
an untyped exception. Files that are "valid except for one thing" are re-signed with the right
key, so the check under test is the one that fires and not the self-signature.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cmlentry.crypto import keyfiles
from cmlentry.crypto.keyfiles import (
    KeyFileDamaged,
    KeyFileError,
    KeyFileTooLarge,
    KeyFileUnknownVersion,
    KeyFileUnreadable,
    KeyFileWrongRole,
    KeyPairs,
    NotAKeyFile,
    RegistryOwner,
)
from cmlentry.crypto.recovery import _group_check
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.checkchar import CROCKFORD32
from tests.keys_fixture import (
    TRAINING_REGISTRY_FILE,
    key_pairs_from_seed,
    training_registry_key_file,
    training_registry_keys,
)

FILE = "registry.cmlkey"
SITE = SiteDetails("FR", "086", "CHU de Besançon")
REGISTRY = RegistryOwner("European CML registry")
WHEN = "2026-11-21T09:00:00Z"
FINGERPRINT = re.compile(r"^([0-9A-HJKMNP-TV-Z]{5} ){5}[0-9A-HJKMNP-TV-Z]{5}$")


@pytest.fixture(scope="module")
def pairs() -> KeyPairs:
    return key_pairs_from_seed("registry", b"unit tests")


@pytest.fixture(scope="module")
def good(pairs: KeyPairs) -> bytes:
    return pairs.key_file(REGISTRY, WHEN)


def document(data: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def encode(doc: dict[str, Any]) -> bytes:
    """The canonical encoding (so that only the change under test is wrong)."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8") + b"\n"


def resign(doc: dict[str, Any], pairs: KeyPairs, *, fix_id: bool = False) -> bytes:
    """Re-sign ``doc`` (and recompute its key id) as its maker would: only the content is odd."""
    doc = copy.deepcopy(doc)
    if fix_id:
        keys = doc["keys"]
        doc["key_id"] = keyfiles.key_id(
            doc["role"], base64.b64decode(keys["ed25519"]), base64.b64decode(keys["x25519"])
        )
    body = {name: value for name, value in doc.items() if name != "self_signature"}
    signed = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    signature = pairs.signing.sign(keyfiles.SELF_SIGNATURE_LABEL + signed.encode("utf-8"))
    doc["self_signature"] = base64.b64encode(signature).decode("ascii")
    return encode(doc)


def refused(data: bytes, error: type[KeyFileError], **kw: Any) -> KeyFileError:
    with pytest.raises(error) as caught:
        keyfiles.parse_key_file(data, FILE, **kw)
    assert type(caught.value) is error
    assert FILE in caught.value.message
    return caught.value


def problem(data: bytes) -> str:
    return str(refused(data, KeyFileDamaged).params["problem"])


# --- the round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "owner"), [("site", SITE), ("registry", REGISTRY)], ids=["site", "registry"]
)
def test_a_key_file_reads_back_as_the_keys_it_was_made_from(role: str, owner: Any) -> None:
    pairs = KeyPairs.generate(role)  # type: ignore[arg-type]
    data = pairs.key_file(owner, WHEN)
    keys = keyfiles.parse_key_file(data, FILE, expected_role=role)  # type: ignore[arg-type]
    assert (keys.role, keys.owner, keys.created_at) == (role, owner, WHEN)
    assert (keys.ed25519, keys.x25519) == (pairs.ed25519_public, pairs.x25519_public)
    assert keys.key_id == pairs.key_id == document(data)["key_id"]
    assert keys.purposes == keyfiles.PURPOSES[role]  # type: ignore[index]
    # One canonical form: sorted keys, no spaces, UTF-8 (not \u escapes), one final newline.
    assert data == encode(document(data))
    assert "Besançon".encode() in data or role == "registry"
    assert data == pairs.key_file(owner, WHEN)  # Ed25519 is deterministic: same bytes again


def test_the_private_halves_rebuild_the_same_key_set() -> None:
    pairs = keyfiles.generate_site_keys()
    again = KeyPairs.from_private_halves("site", *pairs.private_halves())
    assert again.key_id == pairs.key_id
    assert again.key_file(SITE, WHEN) == pairs.key_file(SITE, WHEN)
    with pytest.raises(ValueError, match="32 bytes"):
        KeyPairs.from_private_halves("site", b"short", bytes(32))


def test_repr_shows_no_key_bytes() -> None:
    pairs = keyfiles.generate_registry_keys()
    ed25519, x25519 = pairs.private_halves()
    text = repr(pairs) + repr(pairs.public(REGISTRY, WHEN))
    for secret in (ed25519, x25519):
        assert secret.hex() not in text
        assert base64.b64encode(secret).decode() not in text
    assert pairs.key_id in repr(pairs)


def test_the_owner_must_fit_the_role() -> None:
    with pytest.raises(ValueError, match="role"):
        keyfiles.generate_site_keys().key_file(REGISTRY, WHEN)


# --- ids and fingerprints -----------------------------------------------------------------------


def test_the_key_id_covers_the_role_and_both_keys(pairs: KeyPairs) -> None:
    ed, x = pairs.ed25519_public, pairs.x25519_public
    ids = {
        keyfiles.key_id("registry", ed, x),
        keyfiles.key_id("site", ed, x),
        keyfiles.key_id("registry", x, ed),
        keyfiles.key_id("registry", ed, bytes(32)),
    }
    assert len(ids) == 4
    assert all(re.fullmatch(r"[0-9a-f]{40}", key_id) for key_id in ids)


def test_fingerprint_shape_and_check_characters() -> None:
    seen = set()
    for _ in range(200):
        key_id = os.urandom(20).hex()
        printed = keyfiles.fingerprint(key_id)
        assert FINGERPRINT.match(printed)
        groups = printed.split(" ")
        for index, group in enumerate(groups):  # the recovery key's check, group number inside
            assert _group_check(index, group[:4]) == group[4]
        data = "".join(group[:4] for group in groups)
        value = int("".join(f"{CROCKFORD32.index(c):05b}" for c in data), 2)
        assert value == int(key_id[:30], 16)  # the first 120 bits of the key id
        seen.add(printed)
    assert len(seen) == 200
    assert keyfiles.FINGERPRINT_GROUPS * keyfiles.FINGERPRINT_DATA * 5 >= 100
    with pytest.raises(ValueError, match="40"):
        keyfiles.fingerprint("ABC")


def test_a_group_read_in_the_wrong_place_fails_its_check() -> None:
    groups = keyfiles.fingerprint(os.urandom(20).hex()).split(" ")
    swapped = [groups[1], groups[0], *groups[2:]]
    assert any(
        _group_check(index, group[:4]) != group[4]
        for index, group in enumerate(swapped)
        if groups[0] != groups[1]
    )


# --- the committed training registry key ----------------------------------------------------


def test_the_committed_training_key_is_what_the_helper_makes() -> None:
    assert TRAINING_REGISTRY_FILE.read_bytes() == training_registry_key_file()
    keys = keyfiles.read_key_file(TRAINING_REGISTRY_FILE, expected_role="registry")
    assert keys.key_id == training_registry_keys().key_id
    readme = (TRAINING_REGISTRY_FILE.parent / "README.md").read_text()
    assert keys.fingerprint in readme
    assert keys.key_id in readme
    assert "TRAINING" in keys.owner_label


# --- hostile files: every field altered -----------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = doc
        for name in parents:
            target = target[name]
        target[last] = value

    return change


def _other_key(field: str) -> Mutation:
    other = key_pairs_from_seed("registry", b"someone else")
    raw = other.ed25519_public if field == "ed25519" else other.x25519_public
    return _set(f"keys.{field}", base64.b64encode(raw).decode())


UNSIGNED = {  # changed after signing: the signature (or the id) no longer fits
    "owner.name": (_set("owner.name", "Mallory's registry"), "self-signature"),
    "created_at": (_set("created_at", "2030-01-01T00:00:00Z"), "self-signature"),
    "keys.ed25519": (_other_key("ed25519"), "key id does not match"),
    "keys.x25519": (_other_key("x25519"), "key id does not match"),
    "key_id": (_set("key_id", "0" * 40), "key id does not match"),
    "self_signature": (
        _set("self_signature", base64.b64encode(bytes(64)).decode()),
        "self-signature",
    ),
    "self_signature short": (_set("self_signature", "AAAA"), "self_signature is not valid"),
}


@pytest.mark.parametrize("name", sorted(UNSIGNED))
def test_each_field_changed_after_signing_is_refused(good: bytes, name: str) -> None:
    doc = document(good)
    change, expected = UNSIGNED[name]
    change(doc)
    assert expected in problem(encode(doc))


MALFORMED = {  # re-signed by the key's holder: the field itself is refused
    "role": (_set("role", "admin"), "field role is not valid"),
    "role of the other kind": (_set("role", "site"), "field owner.centre_code is missing"),
    "owner": (_set("owner", "the registry"), "field owner is not valid"),
    "owner.name empty": (_set("owner.name", ""), "field owner.name is not valid"),
    "owner.name too long": (_set("owner.name", "R" * 201), "field owner.name is too long"),
    "owner.name number": (_set("owner.name", 7), "field owner.name is not valid"),
    "owner.name spaced": (_set("owner.name", " R  C "), "field owner.name is not valid"),
    "owner.name control": (_set("owner.name", "Reg\u202eistry"), "field owner.name is not valid"),
    "owner.name not NFC": (
        _set("owner.name", unicodedata.normalize("NFD", "Régistre")),
        "field owner.name is not valid",
    ),
    "keys": (_set("keys", []), "field keys is not valid"),
    "keys.ed25519 short": (
        _set("keys.ed25519", base64.b64encode(bytes(31)).decode()),
        "field keys.ed25519 is not valid",
    ),
    "keys.x25519 not base64": (_set("keys.x25519", "!" * 44), "field keys.x25519 is not valid"),
    "keys.x25519 non-canonical base64": (
        _set("keys.x25519", base64.b64encode(bytes(32)).decode()[:-2] + "B="),
        "field keys.x25519 is not valid",
    ),
    "key_id upper case": (lambda d: _set("key_id", d["key_id"].upper())(d), "key_id is not valid"),
    "key_id short": (_set("key_id", "ab"), "field key_id is not valid"),
    "created_at no zone": (_set("created_at", "2026-11-21T09:00:00"), "created_at is not valid"),
    "created_at impossible": (_set("created_at", "2026-13-40T09:00:00Z"), "created_at is not"),
    "created_at number": (_set("created_at", 1_700_000_000), "field created_at is not valid"),
    "version string": (_set("version", "1"), "field version is not valid"),
    "version true": (_set("version", True), "field version is not valid"),
    "version negative": (_set("version", -1), "field version is not valid"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_each_malformed_field_is_refused_even_when_signed(
    good: bytes, pairs: KeyPairs, name: str
) -> None:
    doc = document(good)
    change, expected = MALFORMED[name]
    change(doc)
    assert expected in problem(resign(doc, pairs))


@pytest.mark.parametrize("name", sorted(keyfiles._FIELDS - {"format", "version"}))
def test_each_missing_field_is_named(good: bytes, pairs: KeyPairs, name: str) -> None:
    doc = document(good)
    del doc[name]
    data = encode(doc) if name == "self_signature" else resign(doc, pairs)
    assert f"the field {name} is missing" in problem(data)


@pytest.mark.parametrize("where", ["", "owner.", "keys."])
def test_an_unknown_field_is_refused_without_being_named(
    good: bytes, pairs: KeyPairs, where: str
) -> None:
    doc = document(good)
    target = doc if not where else doc[where[:-1]]
    target["<script>alert(1)</script>"] = "x"
    text = problem(resign(doc, pairs))
    assert text == "it has a field this version does not know"


def test_a_newer_version_is_told_apart_from_damage(good: bytes, pairs: KeyPairs) -> None:
    doc = document(good)
    doc["version"] = 2
    doc["hpke_suite"] = "future"  # a later version may have fields this one does not know
    error = refused(resign(doc, pairs), KeyFileUnknownVersion)
    assert error.params == {"file": FILE, "version": 2, "known": 1}
    assert "newer cmlentry" in error.message


def test_a_key_of_low_order_is_refused(good: bytes, pairs: KeyPairs) -> None:
    doc = document(good)
    doc["keys"]["x25519"] = base64.b64encode(bytes(32)).decode()  # all zeros: nothing to send to
    assert problem(resign(doc, pairs, fix_id=True)) == "one of its keys is not a usable key"


def test_a_swapped_key_with_the_same_id_is_refused(good: bytes, pairs: KeyPairs) -> None:
    """An attacker puts their encryption key in and keeps the id (and the signature)."""
    doc = document(good)
    _other_key("x25519")(doc)
    assert problem(encode(doc)) == "its key id does not match its keys"
    # ... and with the id recomputed to fit, the old self-signature no longer does.
    keys = doc["keys"]
    doc["key_id"] = keyfiles.key_id(
        "registry", base64.b64decode(keys["ed25519"]), base64.b64decode(keys["x25519"])
    )
    assert problem(encode(doc)) == "its self-signature does not match its content"


# --- hostile files: the bytes -------------------------------------------------------------------


def test_wrong_role(good: bytes) -> None:
    error = refused(good, KeyFileWrongRole, expected_role="site")
    assert error.params == {"file": FILE, "found": "registry", "expected": "site"}
    assert "keys of a registry, not of a site" in error.message


def test_every_truncation_is_refused(good: bytes) -> None:
    for length in range(len(good)):
        with pytest.raises((NotAKeyFile, KeyFileDamaged)):
            keyfiles.parse_key_file(good[:length], FILE)
    assert problem(good[: len(good) // 2]) == "it is cut short or is not JSON"
    refused(b"", NotAKeyFile)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (b"{}", "it has more bytes after its end"),
        (b"\x00", "it has more bytes after its end"),
        (b"\n", "it is not in the one canonical form: it was edited or re-saved"),
        (b" ", "it is not in the one canonical form: it was edited or re-saved"),
    ],
)
def test_trailing_bytes(good: bytes, extra: bytes, expected: str) -> None:
    assert problem(good + extra) == expected


def test_no_final_newline_or_any_other_layout_is_refused(good: bytes) -> None:
    doc = document(good)
    assert "canonical" in problem(good[:-1])
    assert "canonical" in problem(json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n")
    reordered = dict(reversed(doc.items()))
    assert "canonical" in problem(json.dumps(reordered, separators=(",", ":")).encode() + b"\n")
    site = KeyPairs.generate("site").key_file(SITE, WHEN)  # "ç" written as \u00e7 instead
    escaped = json.dumps(document(site), sort_keys=True, separators=(",", ":"))
    assert "canonical" in problem(escaped.encode() + b"\n")


def test_duplicate_fields(good: bytes) -> None:
    data = good.replace(b'"role":"registry"', b'"role":"site","role":"registry"')
    assert problem(data) == "a field appears twice"
    data = good.replace(b'"name":', b'"name":"x","name":')
    assert problem(data) == "a field appears twice"


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1.0", b"1e0"])
def test_nan_and_fractions(good: bytes, number: bytes) -> None:
    data = good.replace(b'"version":1', b'"version":' + number)
    assert "number" in problem(data)


def test_a_huge_number_and_deep_nesting(good: bytes) -> None:
    assert problem(good.replace(b'"version":1', b'"version":' + b"9" * 5000)) == (
        "it holds a number out of range"
    )
    nested = good[:-2] + b',"x":' + b"[" * 5000 + b"]" * 5000 + b"}\n"
    assert problem(nested) == "it is nested too deeply"
    refused(b"[" * 10_000, NotAKeyFile)


def test_not_utf8(good: bytes) -> None:
    assert problem(good.replace(b"European", b"Europ\xe9an")) == "it is not UTF-8 text"
    assert problem(b"\xef\xbb\xbf" + good) == "it starts with a byte-order mark"
    refused(b"\x89PNG\r\n\x1a\n" + os.urandom(200), NotAKeyFile)


def test_other_json_is_not_a_key_file(good: bytes) -> None:
    refused(b'{"format":"cmlentry-backup","version":1}\n', NotAKeyFile)
    refused(b"[1,2,3]\n", NotAKeyFile)
    refused(b'"cmlentry-public-key"\n', NotAKeyFile)
    refused(good.replace(b"cmlentry-public-key", b"cmlentry-public-kex"), NotAKeyFile)


def test_oversized(tmp_path: Path, good: bytes) -> None:
    big = good[:-2] + b',"pad":"' + b"x" * keyfiles.MAX_FILE_BYTES + b'"}\n'
    error = refused(big, KeyFileTooLarge)
    assert error.params["limit"] == 16 * 1024
    path = tmp_path / "big.cmlkey"
    path.write_bytes(big)
    with pytest.raises(KeyFileTooLarge):
        keyfiles.read_key_file(path)
    # Just under the limit it is read, and refused for what it is.
    assert "does not know" in problem(good[:-2] + b',"pad":"' + b"x" * 15_000 + b'"}\n')


def test_every_single_bit_flip_is_refused(good: bytes) -> None:
    """A fuzz run in small: each byte of the file with its low bit flipped."""
    for position in range(len(good)):
        mutant = good[:position] + bytes([good[position] ^ 1]) + good[position + 1 :]
        with pytest.raises(KeyFileError):
            keyfiles.parse_key_file(mutant, FILE)


def test_no_message_quotes_the_file(good: bytes, pairs: KeyPairs) -> None:
    doc = document(good)
    quoted = [doc["keys"]["ed25519"], doc["keys"]["x25519"], doc["self_signature"]]
    messages = []
    for position in range(0, len(good), 3):
        mutant = good[:position] + b"#" + good[position + 1 :]
        try:
            keyfiles.parse_key_file(mutant, FILE)
        except KeyFileError as exc:
            messages.append(exc.message + repr(exc.params))
    assert len(messages) > 100
    for text in messages:
        assert all(value not in text for value in quoted)
        assert all(secret.hex() not in text for secret in pairs.private_halves())


# --- reading from disk --------------------------------------------------------------------------


def test_read_key_file_names_the_path(tmp_path: Path, good: bytes) -> None:
    path = tmp_path / "registry.cmlkey"
    path.write_bytes(good)
    assert keyfiles.read_key_file(path).key_id == document(good)["key_id"]
    missing = tmp_path / "nowhere.cmlkey"
    with pytest.raises(KeyFileUnreadable) as caught:
        keyfiles.read_key_file(missing)
    assert caught.value.message == (
        f"cmlentry could not read {missing} (there is no such file). Check the file's name and "
        "that you may read it; nothing was changed."
    )
    with pytest.raises(NotAKeyFile, match="is not a cmlentry public key file"):
        keyfiles.read_key_file(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.cmlkey"
    os.mkfifo(pipe)
    with pytest.raises(NotAKeyFile):
        keyfiles.read_key_file(pipe)
