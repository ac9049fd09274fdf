"""The services one signed-in person's window works with, made once per unlock.

The desktop application receives this bundle from its start flow and hands each widget only the
service it needs (style.md: widgets built with only their collaborators). Nothing here holds a
session or a transaction; every service opens short ones of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.case_summary import CaseSummaryService
from cmlentry.services.cases import CaseService
from cmlentry.services.definitions import DefinitionSet, installed_definitions
from cmlentry.services.drafts import DraftService
from cmlentry.services.identities import IdentityService
from cmlentry.services.keys import KeyService
from cmlentry.services.maintenance import MaintenanceService, WorkspaceSummary
from cmlentry.services.queries import QueryService
from cmlentry.services.review import ReviewService
from cmlentry.services.sessions import SessionService
from cmlentry.services.workspace import Workspace


@dataclass(frozen=True)
class Desk:
    """A workspace unlocked for one user, and the services the window calls."""

    ws: Workspace
    cases: CaseService
    drafts: DraftService
    identities: IdentityService
    sessions: SessionService
    maintenance: MaintenanceService
    keys: KeyService
    exports: ExportService
    acks: AckService
    review: ReviewService
    queries: QueryService
    summaries: CaseSummaryService

    @classmethod
    def for_workspace(cls, ws: Workspace, definitions: DefinitionSet | None = None) -> Desk:
        definitions = definitions or installed_definitions()
        cases = CaseService(ws, definitions)
        return cls(
            ws=ws,
            cases=cases,
            drafts=DraftService(ws),
            identities=IdentityService(ws),
            sessions=SessionService(ws, cases),
            maintenance=MaintenanceService(ws),
            keys=KeyService(ws),
            exports=ExportService(ws, definitions),
            acks=AckService(ws),
            review=(review := ReviewService(ws, cases)),
            queries=(queries := QueryService(ws, cases)),
            summaries=CaseSummaryService(ws, cases, review, queries),
        )

    def summary(self) -> WorkspaceSummary:
        return self.maintenance.summary()
