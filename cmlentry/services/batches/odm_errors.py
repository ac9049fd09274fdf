"""The typed refusals of a batch payload, and the refusal to put a case into one.

:class:`PayloadUnsafe` and :class:`PayloadInvalid` are step 8 of ``docs/batch-format.md`` §6:
the decrypted ODM document is hostile (a DTD, entities) or is not what a cmlentry site writes.
Their ``problem`` says what is wrong and where (subject key, OID) but never quotes a value, which
may be patient data. :class:`RecordNotExportable` is the site's side: a stored answer that no
ODM document can carry faithfully.
"""

from __future__ import annotations

from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.errors import CmlentryError

DEFAULT_FILE = "The batch file"
"""What the sentence calls the file when the caller does not give its name."""


class PayloadUnsafe(BatchRefused):
    code = "batch.payload_unsafe"
    template = (
        "{file} was not read because its contents hold XML features a cmlentry batch never "
        "uses ({problem}). Report it to the registry's security contact and ask the site to "
        "export the batch again; nothing was imported."
    )


class PayloadInvalid(BatchRefused):
    code = "batch.payload_invalid"
    template = (
        "{file} passed its signature check but its case data are not laid out as cmlentry "
        "writes them ({problem}). Ask the site to export the batch again with the current "
        "cmlentry; nothing was imported."
    )


class RecordNotExportable(CmlentryError):
    code = "batch.record_not_exportable"
    template = (
        "Case {registry_id} cannot be put in a batch: {problem}. Correct it in the case editor, "
        "then export again; no batch was made."
    )
