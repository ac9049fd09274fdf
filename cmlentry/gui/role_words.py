"""A role in the words of the interface's language ("principal investigator", "infirmière …")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmlentry.domain.roles import Role


def role_label(role: str) -> str:
    """The role's words ("principal investigator"), or the stored value if it is unknown."""
    words = {
        Role.NURSE: QCoreApplication.translate("roles", "research nurse"),
        Role.PI: QCoreApplication.translate("roles", "principal investigator"),
        Role.SITE_ADMIN: QCoreApplication.translate("roles", "site administrator"),
        Role.COORDINATOR: QCoreApplication.translate("roles", "registry coordinator"),
    }
    try:
        return words[Role(role)]
    except ValueError:
        return role
