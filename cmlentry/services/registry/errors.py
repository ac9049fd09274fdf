"""The registry's own refusals of a batch (after the container's, docs/batch-format.md §6)."""

from __future__ import annotations

from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.errors import CmlentryError

_NOTHING = "nothing was imported"


class AlreadyImported(BatchRefused):
    """A replay: this very file was imported before. Reported, never an error to fix."""

    code = "batch.already_imported"
    template = (
        "{file} is batch {sequence} of {site}, which was already imported on {imported_at}. "
        "Nothing was changed; its acknowledgement was written again."
    )


class SequenceGap(BatchRefused):
    code = "batch.sequence_gap"
    template = (
        "{file} is batch {sequence} of {site}, but the last batch imported from {site} is "
        "{last}, so these batches are missing: {missing}. Ask {site} to send them (their "
        "workspace keeps every batch), then import in order; " + _NOTHING + "."
    )


class SequenceFork(BatchRefused):
    code = "batch.sequence_fork"
    template = (
        "{file} is a second, different batch {sequence} of {site}: a batch with that number "
        "was already imported. Call {site}: their workspace may have been restored from a "
        "backup or copied; " + _NOTHING + "."
    )


class SequenceRollback(BatchRefused):
    code = "batch.sequence_rollback"
    template = (
        "{file} is batch {sequence} of {site}, older than batch {last} already imported, and "
        "differs from the batch {sequence} imported then. Call {site}: their workspace may have "
        "been restored from an old backup; " + _NOTHING + "."
    )


class ChainBroken(BatchRefused):
    code = "batch.chain_broken"
    template = (
        "{file} (batch {sequence} of {site}) does not follow the batch {previous} imported "
        "from {site}: its link to the previous batch is different. Call {site}; " + _NOTHING + "."
    )


class PayloadMismatch(BatchRefused):
    code = "batch.payload_mismatch"
    template = (
        "{file} holds data that does not match its signed list of cases ({problem}). Ask the "
        "site to send the batch again; " + _NOTHING + "."
    )


class UnknownFormDefinition(BatchRefused):
    code = "batch.unknown_definition"
    template = (
        "{file} was entered under the form definition {definition}, which this registry's "
        "cmlentry does not have. Install the cmlentry version the site uses; " + _NOTHING + "."
    )


class RecordHashMismatch(BatchRefused):
    code = "batch.record_hash"
    template = (
        "In {file} the case {registry_id} does not match its signed checksum. Ask the site to "
        "send the batch again; " + _NOTHING + "."
    )


class NotARegistry(CmlentryError):
    code = "registry.not_registry"
    template = (
        "This is a site's workspace; batches are imported into a registry coordinator's "
        "workspace (made with 'cmlentry init --registry'). Nothing was changed."
    )


class CentreExists(CmlentryError):
    code = "registry.centre_exists"
    template = (
        "{centre} is already registered, with another key. To change its key, revoke the old "
        "one first ('cmlentry centres revoke-key {centre} --reason REASON'); nothing was changed."
    )


class UnknownCentre(CmlentryError):
    code = "registry.unknown_centre"
    template = "No centre {centre} is registered here. Check the code; nothing was changed."


class AckNotWritten(CmlentryError):
    code = "registry.ack_not_written"
    template = (
        "Batch {sequence} of {site} is imported, but its acknowledgement could not be written "
        "to {folder} ({reason}). Write it again with 'cmlentry ack-again {site} {sequence} "
        "--to FOLDER'; nothing is lost."
    )


class BatchNotImported(CmlentryError):
    """``ack-again`` for a batch the registry never imported: there is no acknowledgement."""

    code = "registry.batch_not_imported"
    template = (
        "Batch {sequence} of {site} was never imported here, so there is no acknowledgement of "
        "it to write. Check the centre and the batch number ('cmlentry centres list' shows each "
        "centre's last batch), or import the batch first; nothing was written."
    )


class CaseNotHeld(CmlentryError):
    code = "registry.case_not_held"
    template = (
        "The registry holds no accepted version of case {registry_id}, so no query can be "
        "raised on it yet. Check the registry ID; nothing was changed."
    )


class NoAckToSend(CmlentryError):
    code = "registry.no_ack_to_send"
    template = (
        "No batch of {centre} has been imported yet, so there is no acknowledgement to send "
        "its queries with. They go with the acknowledgement of its first batch; nothing was "
        "changed."
    )


class AckTooOld(CmlentryError):
    code = "registry.ack_too_old"
    template = (
        "The acknowledgement of batch {sequence} of {centre} was kept by an older cmlentry and "
        "cannot be sealed again with queries. They go with the acknowledgement of the next "
        "batch; nothing was changed."
    )
