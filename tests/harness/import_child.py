"""The child process of the import kill harness: it imports batch files until killed.

Run as ``python -m tests.harness.import_child`` with nothing on the command line. It imports
everything first and prints ``LOADED``, then reads three lines from standard input: the registry
workspace folder, the folder of batch files and acknowledgements, and the coordinator's password
(never in the arguments, the environment or a file). It unlocks the registry workspace, opens its
central store (its own SQLCipher file, or the PostgreSQL database the workspace names) and
imports every ``*.cmlbatch`` of the folder in name order, each through
:meth:`ImportService.import_file`, the application's own path.

Output, one line each, flushed at once (``n`` is the batch's sequence number):

* ``LOADED`` / ``READY``: imports done / workspace and store open;
* ``START n``: :meth:`~ImportService.import_file` called (verification comes first);
* ``BEGIN n``: verified; the import transaction is about to begin;
* ``COMMITTED n``: the import transaction has returned (committed);
* ``DONE n <status>``: ``import_file`` returned (``imported``, ``already imported``,
  ``refused <code>``), the audit event and the acknowledgement file written;
* ``ALLDONE``: every file done; the child exits.
* ``OPENFAIL <error>``: the workspace or its store could not be opened (exit 3).

With ``CMLENTRY_HARNESS_SPLIT_IMPORT=1`` in the environment the child is the negative control: it
imports each batch in several transactions (the batch row, then each case, then the
acknowledgement), which a kill must be seen to leave half done.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cmlentry.crypto import container
from cmlentry.crypto.container import Recipient
from cmlentry.crypto.keyfiles import key_time
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.registry import centres
from cmlentry.services.registry.ack_files import seal_ack
from cmlentry.services.registry.acks import ACCEPTED, AckContent, CaseAnswer
from cmlentry.services.registry.case_judge import BatchCases
from cmlentry.services.registry.importer import ImportService, _Verified
from cmlentry.services.registry.query_sync import ack_queries
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.audit import format_utc
from cmlentry.storage.central.models import Acknowledgement, Centre, ReceivedBatch
from tests.batch_world import COORDINATOR

SPLIT_FLAG = "CMLENTRY_HARNESS_SPLIT_IMPORT"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class NarratedImport(ImportService):
    """The application's importer, saying when its one transaction begins and has committed."""

    def _import(self, verified: _Verified, size: int, name: str) -> tuple[CaseAnswer, ...]:
        sequence = int(verified.header.fields["sequence"])
        say(f"BEGIN {sequence}")
        answers = self.transactions(verified, size, name)
        say(f"COMMITTED {sequence}")
        return answers

    def transactions(self, verified: _Verified, size: int, name: str) -> tuple[CaseAnswer, ...]:
        return super()._import(verified, size, name)


class SplitImport(NarratedImport):
    """Negative control: the same rows as :meth:`ImportService._import` (a copy of it: follow it
    when it changes), but the batch row, each case and the acknowledgement each in a transaction
    of their own."""

    def transactions(self, verified: _Verified, size: int, name: str) -> tuple[CaseAnswer, ...]:
        header = verified.header
        site, sequence = header.site, int(header.fields["sequence"])
        now = format_utc(self.ws.clock())
        registry = self._registry_keys()
        with self.store.write() as session:
            centre = session.scalars(select(Centre).where(Centre.code == site)).one()
            self._check_sequence(session, header, name)
            batch = ReceivedBatch(
                centre_id=centre.id,
                sequence=sequence,
                file_sha256=header.file_sha256,
                file_size=size,
                previous_sha256=header.fields["previous_batch_sha256"],
                created_at=header.fields["created_at"],
                imported_at=now,
                imported_by=self.ws.user.username,
                imported_in=self.ws.workspace_id,
                key_id=verified.key.key_id,
                record_count=len(verified.records),
                accepted_count=0,
                rejected_count=0,
            )
            session.add(batch)
            session.flush()
            centre_id, batch_id = centre.id, batch.id
        answers: list[CaseAnswer] = []
        entries: list[dict[str, Any]] = header.fields["manifest"]["records"]
        for record, entry in zip(verified.records, entries, strict=True):
            with self.store.write() as session:
                centre = session.get_one(Centre, centre_id)
                batch = session.get_one(ReceivedBatch, batch_id)
                cases = BatchCases(session, centre, batch, now, [entry])
                answers.append(cases.take(record, entry))
        with self.store.write() as session:
            batch = session.get_one(ReceivedBatch, batch_id)
            batch.accepted_count = sum(1 for a in answers if a.outcome == ACCEPTED)
            batch.rejected_count = len(answers) - batch.accepted_count
            content = AckContent(
                site, sequence, header.file_sha256, now, tuple(answers),
                ack_queries(session, centre_id),
            )  # fmt: skip
            site_key_id = verified.key.key_id
            archive = Recipient(site_key_id, centres.archive_key(session, site_key_id))
            ack = seal_ack(content, registry, archive, key_time(self.ws.clock()))
            session.add(
                Acknowledgement(
                    batch_id=batch_id, file=ack, file_sha256=container.sha256_hex(ack),
                    created_at=now, payload=content.to_bytes().decode("utf-8"),
                )
            )  # fmt: skip
        return tuple(answers)


def main() -> int:
    say("LOADED")
    folder = Path(sys.stdin.readline().rstrip("\n"))
    batches = Path(sys.stdin.readline().rstrip("\n"))
    password = sys.stdin.readline().rstrip("\n")
    try:
        ws = open_workspace(folder, COORDINATOR, password, policy=OWASP_FLOOR)
        store = open_central_store(ws)
    except Exception as exc:  # any refusal is a finding for the parent, not a crash here
        say(f"OPENFAIL {type(exc).__name__}: {exc}")
        return 3
    kind = SplitImport if os.environ.get(SPLIT_FLAG) == "1" else NarratedImport
    service = kind(ws, store)
    say("READY")
    for path in sorted(batches.glob("*.cmlbatch")):
        sequence = int(path.stem.rsplit("-", 1)[1])
        say(f"START {sequence}")
        outcome = service.import_file(path, batches)
        status = outcome.status
        if outcome.status == "refused" and outcome.error is not None:
            status = f"refused {outcome.error.code}"
        say(f"DONE {sequence} {status}")
    say("ALLDONE")
    store.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
