"""What can go wrong when a site makes a batch or reads an acknowledgement, in words."""

from __future__ import annotations

from cmlentry.errors import CmlentryError


class NoRegistryKey(CmlentryError):
    code = "batch.no_registry_key"
    template = (
        "This workspace does not trust a registry key yet, so a batch could not be encrypted. "
        "A site administrator adds it with 'cmlentry keys trust-registry FILE'; nothing was "
        "made."
    )


class NothingToExport(CmlentryError):
    code = "batch.nothing_to_export"
    template = (
        "No case is signed and changed since it was last sent, so there is nothing to export. "
        "Choose cases by their registry ID to send complete cases before they are signed; "
        "nothing was made."
    )


class CaseNotReady(CmlentryError):
    code = "batch.case_not_ready"
    template = (
        "{registry_id} is still a draft: complete its forms before sending it. Nothing was made."
    )


class CaseUnchanged(CmlentryError):
    code = "batch.case_unchanged"
    template = (
        "{registry_id} has not changed since it was last sent, so it need not be sent again "
        "(an earlier batch can be written again instead). Nothing was made."
    )


class NotASite(CmlentryError):
    code = "batch.not_a_site"
    template = "Batches are made in a site's workspace, not in the registry's. Nothing was made."


class UnknownBatch(CmlentryError):
    code = "batch.unknown_batch"
    template = "This workspace has no batch number {sequence}. Nothing was written."


class BatchSelfCheckFailed(CmlentryError):
    code = "batch.self_check"
    template = (
        "The batch could not be verified after it was made, so it was not kept. Nothing was "
        "made or sent; please report this to your registry's support."
    )


class BatchWriteFailed(CmlentryError):
    code = "batch.write_failed"
    template = (
        "Batch {sequence} is made and kept in the workspace, but it could not be written to "
        "{folder} ({reason}). Free some space or choose another folder, then write it again "
        "with 'Write again' (cmlentry export --again {sequence}); nothing is lost."
    )
