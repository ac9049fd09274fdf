"""Deterministic key sets for tests and the demo, and the training registry's key file.

The training registry key (``resources/keys/training-registry.cmlkey``) is made here from a fixed,
public seed, so its private half is never committed anywhere yet tests (and a demo registry) can
decrypt what is sent to it. Nothing real may ever be encrypted to it: anyone can recompute it.

Regenerate the committed file (only if the format changes) with::

    .venv/bin/python -m tests.keys_fixture

``tests/unit/test_keyfiles.py`` checks that the committed file equals what this module makes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cmlentry.crypto.keyfiles import KeyPairs, KeyRole, Owner, RegistryOwner

REPO = Path(__file__).resolve().parents[1]
TRAINING_REGISTRY_FILE = REPO / "resources" / "keys" / "training-registry.cmlkey"
TRAINING_SEED = b"cmlentry training registry - public seed, never for real data"
TRAINING_OWNER = RegistryOwner("European CML registry (TRAINING key, not for real data)")
TRAINING_CREATED_AT = "2026-11-21T00:00:00Z"
TEST_CREATED_AT = "2026-11-21T09:00:00Z"


def key_pairs_from_seed(role: KeyRole, seed: bytes) -> KeyPairs:
    """The same key set for the same seed: each private key is SHA-256 of the seed and a label."""
    ed25519 = hashlib.sha256(seed + b"\0ed25519").digest()
    x25519 = hashlib.sha256(seed + b"\0x25519").digest()
    return KeyPairs.from_private_halves(role, ed25519, x25519)


def training_registry_keys() -> KeyPairs:
    """The training registry's whole key set, private halves included (tests and demos only)."""
    return key_pairs_from_seed("registry", TRAINING_SEED)


def training_registry_key_file() -> bytes:
    """The bytes ``resources/keys/training-registry.cmlkey`` must hold."""
    return training_registry_keys().key_file(TRAINING_OWNER, TRAINING_CREATED_AT)


def write_key_file(
    path: Path,
    role: KeyRole = "registry",
    seed: bytes = b"test registry",
    owner: Owner | None = None,
    created_at: str = TEST_CREATED_AT,
) -> KeyPairs:
    """Write a key file of a seeded key set to ``path``; return the key set."""
    pairs = key_pairs_from_seed(role, seed)
    if owner is None:
        owner = RegistryOwner(f"Test registry {seed.decode(errors='replace')}")
    path.write_bytes(pairs.key_file(owner, created_at))
    return pairs


def main() -> None:
    TRAINING_REGISTRY_FILE.parent.mkdir(parents=True, exist_ok=True)
    TRAINING_REGISTRY_FILE.write_bytes(training_registry_key_file())
    print(f"wrote {TRAINING_REGISTRY_FILE}")


if __name__ == "__main__":
    main()
