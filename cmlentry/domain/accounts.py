"""Rules for user names, passwords, site details and failed-login throttling (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cmlentry.errors import InvalidInput, WeakPassword

USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
CENTRE_RE = re.compile(r"^[0-9]{3}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

# Failed logins: the first few are free, then the wait doubles, then the account locks.
FREE_FAILURES = 3
LOCK_AFTER_FAILURES = 10
MAX_DELAY_SECONDS = 300

_COMMON = frozenset(
    {
        "password", "password1", "password12", "password123", "passw0rd", "qwertyuiop",
        "1234567890", "0123456789", "azertyuiop", "motdepasse", "iloveyou12", "letmein123",
        "welcome123", "cmlentry123", "imatinib123", "leukaemia1", "leukemia12",
    }
)  # fmt: skip


def delay_after(failures: int) -> int:
    """Seconds to wait before the next attempt after ``failures`` consecutive failures."""
    if failures < FREE_FAILURES:
        return 0
    return min(int(2 ** (failures - FREE_FAILURES + 1)), MAX_DELAY_SECONDS)


def is_locked_after(failures: int) -> bool:
    return failures >= LOCK_AFTER_FAILURES


def attempts_left(failures: int) -> int:
    return max(LOCK_AFTER_FAILURES - failures, 0)


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_RE.fullmatch(name):
        raise InvalidInput(
            field="The user name",
            why="use 2 to 32 lower-case letters, digits, dots, dashes or underscores, "
            "starting with a letter",
        )
    return name


def check_printed_name(printed_name: str) -> str:
    name = " ".join(printed_name.split())
    if not 1 <= len(name) <= 200 or any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise InvalidInput(field="The printed name", why="give the person's full name as signed")
    return name


def check_new_password(password: str, username: str) -> None:
    """A password policy in the spirit of NIST SP 800-63B: length first, no known-bad choices."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(why=f"use at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(why=f"use at most {MAX_PASSWORD_LENGTH} characters")
    lowered = password.lower()
    if lowered in _COMMON or len(set(lowered)) < 4:
        raise WeakPassword(why="it is too easy to guess")
    if username and username.lower() in lowered:
        raise WeakPassword(why="it contains the user name")


@dataclass(frozen=True)
class SiteDetails:
    """Country (ISO 3166-1 alpha-2), three-digit centre code, and the centre's name."""

    country: str
    centre_code: str
    centre_name: str

    @classmethod
    def checked(cls, country: str, centre_code: str, centre_name: str) -> SiteDetails:
        country = country.strip().upper()
        centre_code = centre_code.strip()
        name = " ".join(centre_name.split())
        if not COUNTRY_RE.fullmatch(country):
            raise InvalidInput(field="The country", why="give the two-letter code, e.g. FR")
        if not CENTRE_RE.fullmatch(centre_code):
            raise InvalidInput(field="The centre code", why="give three digits, e.g. 086")
        if not 1 <= len(name) <= 200:
            raise InvalidInput(field="The centre name", why="give the hospital's name")
        return cls(country, centre_code, name)
