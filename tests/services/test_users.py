"""Users and roles: the services check roles themselves, and every change is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cmlentry.errors import (
    InvalidInput,
    LastAdmin,
    NotPermitted,
    UnknownUser,
    UserExists,
    WrongCredentials,
)
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.models import AuditEvent
from tests.conftest import ADMIN, NURSE, NURSE_PASSWORD, Site


def last_rows(ws: Workspace, count: int) -> list[tuple[str, str | None, str | None]]:
    with ws.db.read() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.field, AuditEvent.reason)
            .order_by(AuditEvent.seq.desc())
            .limit(count)
        ).all()
    return [tuple(r) for r in reversed(rows)]  # type: ignore[misc]


def test_admin_adds_a_user_who_must_change_the_first_password(admin_ws: Workspace) -> None:
    user = UserService(admin_ws).add_user("Paul", "  Paul   Petit ", "pi", "first-pass-9999")
    assert (user.username, user.printed_name, user.role.value) == ("paul", "Paul Petit", "pi")
    assert user.must_change_password
    assert [r[0] for r in last_rows(admin_ws, 6)] == ["create"] * 5 + ["key_slot_created"]


def test_a_nurse_may_not_manage_users(site: Site) -> None:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        service = UserService(ws)
        with pytest.raises(NotPermitted) as caught:
            service.add_user("eve", "Eve", "site_admin", "first-pass-9999")
        assert "research nurse" in caught.value.message
        assert "site administrator" in caught.value.message
        with pytest.raises(NotPermitted):
            service.set_role(NURSE, "site_admin", "promote myself")
        with pytest.raises(NotPermitted):
            service.reset_password(ADMIN, "take-over-1234", "take over")
        assert [u.username for u in service.list_users()] == [ADMIN, NURSE]


def test_duplicate_and_bad_input(admin_ws: Workspace) -> None:
    service = UserService(admin_ws)
    with pytest.raises(UserExists):
        service.add_user("NINA", "Nina Two", "nurse", "first-pass-9999")
    with pytest.raises(InvalidInput, match="role"):
        service.add_user("bob", "Bob", "coordinator", "first-pass-9999")  # not in a site
    with pytest.raises(UnknownUser):
        service.disable("ghost", "no such person")


def test_role_change_is_audited_with_its_reason(admin_ws: Workspace) -> None:
    UserService(admin_ws).set_role(NURSE, "pi", "appointed PI for the study")
    assert last_rows(admin_ws, 1) == [("update", "role", "appointed PI for the study")]


def test_the_last_admin_cannot_be_removed_or_demoted(admin_ws: Workspace) -> None:
    service = UserService(admin_ws)
    with pytest.raises(LastAdmin):
        service.set_role(ADMIN, "nurse", "oops")
    with pytest.raises(LastAdmin):
        service.disable(ADMIN, "oops")
    assert admin_ws.folder.slots_path.read_text().count('"user:admin"') == 1  # slot kept
    service.set_role(NURSE, "site_admin", "second admin")
    service.set_role(ADMIN, "pi", "hand over")  # now allowed


def test_disable_deletes_the_slot_and_enable_gives_a_first_password(
    site: Site, admin_ws: Workspace
) -> None:
    service = UserService(admin_ws)
    service.disable(NURSE, "maternity leave")
    assert '"user:nina"' not in admin_ws.folder.slots_path.read_text()
    service.enable(NURSE, "welcome-back-2027", "back from leave")
    admin_ws.close()
    with site.open(NURSE, "welcome-back-2027") as ws:
        assert ws.user.must_change_password


def test_changing_ones_own_password_needs_the_current_one(site: Site) -> None:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        service = UserService(ws)
        with pytest.raises(WrongCredentials, match="current password"):
            service.change_own_password("not-mine-at-all", "brand-new-pass-1")
        with pytest.raises(InvalidInput):
            service.change_own_password(NURSE_PASSWORD, NURSE_PASSWORD)
        service.change_own_password(NURSE_PASSWORD, "brand-new-pass-1")
    with pytest.raises(WrongCredentials):
        site.open(NURSE, NURSE_PASSWORD)
    site.open(NURSE, "brand-new-pass-1").close()


def test_a_failed_database_write_puts_the_old_slot_back(
    site: Site, admin_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = admin_ws.folder.slots_path.read_bytes()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the database write failed")

    monkeypatch.setattr("cmlentry.services.users.record_pending", refuse)
    with pytest.raises(RuntimeError):
        UserService(admin_ws).reset_password(NURSE, "never-applied-1", "test")
    assert admin_ws.folder.slots_path.read_bytes() == before
    admin_ws.close()
    site.open(NURSE, NURSE_PASSWORD).close()
