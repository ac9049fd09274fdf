"""The steps of registering a patient that need no widget: the duplicate search and the writes.

Kept apart from :mod:`new_case_dialog` so the dialog module holds only its pages and slots.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmlentry.domain.values import PartialDate, ValueProblem
from cmlentry.errors import CmlentryError
from cmlentry.gui.dialogs.identity_fields import IdentityInput

if TYPE_CHECKING:
    from cmlentry.services.identities import IdentityService

log = logging.getLogger(__name__)

MAX_MATCHES = 3  # more possible duplicates than this is a search, not a warning


@dataclass(frozen=True)
class Registered:
    """The outcome of a registration: the case exists; its identification may have failed."""

    registry_id: str
    identity_error: BaseException | None = None


@dataclass(frozen=True)
class Match:
    """A case that may be the same patient, and why it is thought to be."""

    registry_id: str
    same_hospital_number: bool


def compact(text: str | None) -> str:
    """Hospital numbers compare without case, spaces or dashes: "H-0042" is "h 0042"."""
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


def full_date(text: str) -> str | None:
    """``text`` as a stored full date (YYYY-MM-DD), or None if it is not one."""
    try:
        date = PartialDate.parse(text)
    except ValueProblem:
        return None
    return str(date) if date.is_complete else None


def possible_duplicates(identities: IdentityService, value: IdentityInput) -> list[Match]:
    """Cases of the identification list that may be this patient, by hospital number first.

    Raises:
        NotPermitted: The user's role may not read the identification list.
    """
    found: dict[str, Match] = {}
    number = compact(value.hospital_number)
    if len(number) >= 2:
        # The list is searched by substring, so "h 0042" would miss "H-0042": search its
        # longest run of letters and digits, then compare whole numbers compacted.
        runs = re.findall(r"\w+", value.hospital_number.casefold())
        for person in identities.find(max(runs, key=len)):
            if compact(person.hospital_number) == number:
                found[person.registry_id] = Match(person.registry_id, True)
    born = full_date(value.birth_date)
    if value.family_name and born:
        for person in identities.find(value.family_name):
            same_name = person.family_name.casefold() == value.family_name.casefold()
            if same_name and person.birth_date == born:
                found.setdefault(person.registry_id, Match(person.registry_id, False))
    return list(found.values())[:MAX_MATCHES]


def record_identity(
    identities: IdentityService, registry_id: str, value: IdentityInput
) -> Registered:
    """Record the identity of a case that exists; any failure is returned, not raised.

    Runs on the worker thread. The case is there whatever happens here, so the dialog must learn
    of a failure as an outcome to explain, not as a failed registration.
    """
    try:
        identities.set(
            registry_id,
            value.family_name,
            value.given_names,
            value.birth_date or None,
            value.hospital_number or None,
        )
    except Exception as exc:
        if not isinstance(exc, CmlentryError):
            log.error("identity not recorded for a new case: %s", type(exc).__name__)
        return Registered(registry_id, exc)
    return Registered(registry_id)
