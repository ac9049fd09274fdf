"""Roles and what each may do. Services check these; the GUI only hides what a role cannot do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    NURSE = "nurse"
    PI = "pi"
    SITE_ADMIN = "site_admin"
    COORDINATOR = "coordinator"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.NURSE: "research nurse",
    Role.PI: "principal investigator",
    Role.SITE_ADMIN: "site administrator",
    Role.COORDINATOR: "registry coordinator",
}


class Permission(StrEnum):
    MANAGE_USERS = "manage users"
    BACKUP = "make a backup"
    ROTATE_KEY = "rotate the workspace key"
    VERIFY_AUDIT = "verify the audit trail"
    VIEW_AUDIT = "read the audit trail"
    VIEW_CASES = "read cases"
    ENTER_DATA = "enter or change case data"
    VIEW_IDENTITY = "read or change the local identification list"
    EXPORT_BATCHES = "make batches for the registry and read its acknowledgements"
    IMPORT_BATCHES = "register centres and import their batches"
    SIGN_CASES = "sign cases and unlock signed cases"
    VERIFY_SOURCE = "mark answers verified against source"
    RAISE_QUERIES = "raise queries"


# What only a registry workspace does; a site's administrator has every other permission.
_REGISTRY_WORK = {Permission.IMPORT_BATCHES}


_CASE_WORK = {Permission.VIEW_CASES, Permission.ENTER_DATA, Permission.VIEW_IDENTITY}

# The principal investigator's own acts: a signature means "I, the PI, confirm"; source-data
# verification and the site's queries are the PI's review. A site administrator does not get them
# by being an administrator. (Answering a query is entering data: nurse, PI, administrator.)
_PI_WORK = {Permission.SIGN_CASES, Permission.VERIFY_SOURCE, Permission.RAISE_QUERIES}

# A registry (coordinator) workspace has its own administrator: the coordinator, who never
# sees a site's identification list and does not enter site data.
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.NURSE: frozenset({Permission.VIEW_AUDIT, *_CASE_WORK}),
    Role.PI: frozenset(
        {
            Permission.VIEW_AUDIT,
            Permission.VERIFY_AUDIT,
            Permission.BACKUP,
            Permission.EXPORT_BATCHES,
            *_CASE_WORK,
            *_PI_WORK,
        }
    ),
    Role.SITE_ADMIN: frozenset(Permission) - _REGISTRY_WORK - _PI_WORK,
    # The coordinator raises queries at the registry; they reach the site in acknowledgements.
    Role.COORDINATOR: frozenset(Permission)
    - {
        Permission.ENTER_DATA,
        Permission.VIEW_IDENTITY,
        Permission.EXPORT_BATCHES,
        Permission.SIGN_CASES,
        Permission.VERIFY_SOURCE,
    },
}

SITE_ROLES = frozenset({Role.NURSE, Role.PI, Role.SITE_ADMIN})
REGISTRY_ROLES = frozenset({Role.COORDINATOR})
ADMIN_ROLES = frozenset({Role.SITE_ADMIN, Role.COORDINATOR})


def allowed(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def roles_that_may(permission: Permission) -> list[Role]:
    return [role for role in Role if permission in PERMISSIONS[role]]
