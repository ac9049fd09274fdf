"""The recovery key: 140 random bits shown once, in 7 groups of 5, each ending in a check character.

Example: ``7KQ2M-0XH4D-…``. Each group is 4 Crockford base-32 data characters plus a check
character over the group's number and its data, so a typing slip is reported by group and a
group typed in the wrong place is caught too. Crockford's rules make input forgiving: lower case,
``O`` for ``0``, ``I``/``L`` for ``1``, and spaces or dashes anywhere are accepted.
"""

from __future__ import annotations

import secrets

from cmlentry.domain.checkchar import CROCKFORD32, check_character
from cmlentry.errors import RecoveryKeyMalformed, RecoveryKeyTypo

GROUPS = 7
DATA_PER_GROUP = 4
GROUP_SIZE = DATA_PER_GROUP + 1
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _group_check(index: int, data: str) -> str:
    return check_character(CROCKFORD32[index] + data)


def new_recovery_key() -> str:
    """A fresh recovery key in display form (``XXXXX-XXXXX-…``)."""
    groups = []
    for index in range(GROUPS):
        data = "".join(secrets.choice(CROCKFORD32) for _ in range(DATA_PER_GROUP))
        groups.append(data + _group_check(index, data))
    return "-".join(groups)


def recovery_secret(typed: str) -> bytes:
    """Check a typed recovery key and return the secret bytes that derive its slot's KEK."""
    compact = "".join(ch for ch in typed.upper() if ch not in " -\t\r\n").translate(_CONFUSABLE)
    if len(compact) != GROUPS * GROUP_SIZE or any(ch not in CROCKFORD32 for ch in compact):
        raise RecoveryKeyMalformed(groups=GROUPS, size=GROUP_SIZE)
    data = []
    for index in range(GROUPS):
        group = compact[index * GROUP_SIZE : (index + 1) * GROUP_SIZE]
        if _group_check(index, group[:DATA_PER_GROUP]) != group[-1]:
            raise RecoveryKeyTypo(group=index + 1)
        data.append(group[:DATA_PER_GROUP])
    return ("cmlentry-recovery-v1:" + "".join(data)).encode("ascii")
