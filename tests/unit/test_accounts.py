"""User names, password policy, site details, and the failed-login schedule."""

from __future__ import annotations

import itertools

import pytest

from cmlentry.domain import accounts
from cmlentry.domain.accounts import SiteDetails
from cmlentry.domain.roles import Permission, Role, allowed, roles_that_may
from cmlentry.errors import InvalidInput, WeakPassword


def test_failed_login_schedule() -> None:
    delays = [accounts.delay_after(n) for n in range(12)]
    assert delays[:3] == [0, 0, 0]  # the first three mistakes cost nothing
    assert delays[3:10] == [2, 4, 8, 16, 32, 64, 128]  # then the wait doubles
    assert all(later >= earlier for earlier, later in itertools.pairwise(delays))
    assert accounts.delay_after(40) == accounts.MAX_DELAY_SECONDS
    assert not accounts.is_locked_after(9)
    assert accounts.is_locked_after(10)
    assert accounts.attempts_left(7) == 3
    assert accounts.attempts_left(12) == 0


@pytest.mark.parametrize("name", ["ab", "nina", "j.dupont", "nurse_2", "a-b"])
def test_good_user_names(name: str) -> None:
    assert accounts.check_username(name) == name


def test_user_names_are_folded_to_lower_case() -> None:
    assert accounts.check_username("  Nina ") == "nina"


@pytest.mark.parametrize("name", ["", "a", "1abc", "nina dupont", "x" * 33, "ni/na", "é"])
def test_bad_user_names(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        accounts.check_username(name)
    assert "user name" in caught.value.message


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short", "at least 10"),
        ("password123", "too easy"),
        ("aaaaaaaaaaaa", "too easy"),
        ("nina-is-great", "user name"),
        ("x" * 300, "at most"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, why: str) -> None:
    with pytest.raises(WeakPassword) as caught:
        accounts.check_new_password(password, "nina")
    assert why in caught.value.message


def test_a_long_passphrase_is_accepted() -> None:
    accounts.check_new_password("correct horse battery staple", "nina")


def test_site_details_are_normalised_and_checked() -> None:
    site = SiteDetails.checked(" fr ", "086", "  CHU   de Test ")
    assert site == SiteDetails("FR", "086", "CHU de Test")
    with pytest.raises(InvalidInput, match="country"):
        SiteDetails.checked("FRA", "086", "x")
    with pytest.raises(InvalidInput, match="centre code"):
        SiteDetails.checked("FR", "86", "x")
    with pytest.raises(InvalidInput, match="centre name"):
        SiteDetails.checked("FR", "086", "  ")


def test_roles() -> None:
    assert allowed(Role.SITE_ADMIN, Permission.MANAGE_USERS)
    assert not allowed(Role.NURSE, Permission.MANAGE_USERS)
    assert not allowed(Role.PI, Permission.ROTATE_KEY)
    assert allowed(Role.PI, Permission.BACKUP)
    assert Role.NURSE not in roles_that_may(Permission.BACKUP)
