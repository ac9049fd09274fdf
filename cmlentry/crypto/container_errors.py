"""The typed refusals of a batch or acknowledgement file, in the order they are checked.

Each names the file and says what to do; none quotes anything read from the file. The
registry's own refusals (sequence, chain, payload, records) subclass :class:`BatchRefused` in
``cmlentry.services.registry.errors`` and ``cmlentry.services.batches.odm_errors``.

The container reads both kinds of file, so these sentences fit both readers: the registry
importing a batch and the site reading an acknowledgement. Each ends in "nothing was changed"
(neither an import nor a case marked acknowledged), never in one reader's own words.
"""

from __future__ import annotations

from cmlentry.errors import CmlentryError

_NOTHING = "nothing was changed"
_ASK_AGAIN = "Ask the sender to send the file again (it is kept at their end); " + _NOTHING + "."


class BatchRefused(CmlentryError):
    """Base of every refusal of a batch or acknowledgement file."""

    code = "batch.refused"
    template = "{file} was refused; " + _NOTHING + "."


class BatchUnreadable(BatchRefused):
    code = "batch.unreadable"
    template = (
        "cmlentry could not read {file} ({reason}). Check the file's name and that you may "
        "read it; " + _NOTHING + "."
    )


class BatchTooLarge(BatchRefused):
    code = "batch.too_large"
    template = (
        "{file} is larger than such a file can be ({limit_mib} MiB), so it was not read. "
        "Check that it is the file you were sent; " + _NOTHING + "."
    )


class NotABatch(BatchRefused):
    code = "batch.not_a_batch"
    template = (
        "{file} is not a cmlentry batch or acknowledgement file. Choose the .cmlbatch or "
        ".cmlack file you were sent; " + _NOTHING + "."
    )


class WrongFileKind(BatchRefused):
    code = "batch.wrong_kind"
    template = (
        "{file} is another kind of cmlentry file, not a {expected} file. Choose the right "
        "file; " + _NOTHING + "."
    )


class UnsupportedFormat(BatchRefused):
    code = "batch.unsupported_format"
    template = (
        "{file} is written in format version {version}, which this cmlentry does not accept "
        "(it reads version {known}). Ask the sender which cmlentry they use; " + _NOTHING + "."
    )


class UnknownCriticalFlag(BatchRefused):
    code = "batch.unknown_flag"
    template = (
        "{file} uses a feature this cmlentry does not know, so it cannot be read safely. Ask "
        "the sender which cmlentry they use; " + _NOTHING + "."
    )


class HeaderTooLarge(BatchRefused):
    code = "batch.header_too_large"
    template = (
        "{file} has a header larger than {limit_kib} KiB, which no cmlentry writes. " + _ASK_AGAIN
    )


class Truncated(BatchRefused):
    code = "batch.truncated"
    template = "{file} is cut short: it was not copied or sent completely. " + _ASK_AGAIN


class TrailingData(BatchRefused):
    code = "batch.trailing_data"
    template = "{file} has bytes after its end, so it was changed after it was made. " + _ASK_AGAIN


class UnknownSenderKey(BatchRefused):
    code = "batch.unknown_sender_key"
    template = (
        "{file} is signed with a key this workspace does not know. If it comes from a new "
        "centre, or from a new key of a centre or of the registry, add that key first (compare "
        "its fingerprint by phone); " + _NOTHING + "."
    )


class KeyRevoked(BatchRefused):
    code = "batch.key_revoked"
    template = (
        "{file} is signed with a key of {owner} that has been revoked. Ask {owner} to send it "
        "again from their current workspace; " + _NOTHING + "."
    )


class WrongRecipient(BatchRefused):
    code = "batch.wrong_recipient"
    template = (
        "{file} was made for another recipient's key, not for this workspace. Check that it "
        "was sent to the right place; " + _NOTHING + "."
    )


class BadSignature(BatchRefused):
    code = "batch.bad_signature"
    template = (
        "{file} does not carry a valid signature of {owner}: it was changed or damaged after "
        "it was made. " + _ASK_AGAIN
    )


class HeaderNotCanonical(BatchRefused):
    code = "batch.header_not_canonical"
    template = "{file} has a malformed header ({problem}). " + _ASK_AGAIN


class HeaderInvalid(BatchRefused):
    code = "batch.header_invalid"
    template = "{file} has a header that is not valid ({problem}). " + _ASK_AGAIN


class SiteMismatch(BatchRefused):
    code = "batch.site_mismatch"
    template = (
        "{file} says it comes from {site}, but it is signed with the key registered for "
        "{owner}. Check with both centres; " + _NOTHING + "."
    )


class PayloadHashMismatch(BatchRefused):
    code = "batch.payload_hash"
    template = (
        "{file} holds data that does not match its signed checksum: it was damaged or changed. "
        + _ASK_AGAIN
    )


class NotForThisRecipient(BatchRefused):
    code = "batch.not_for_us"
    template = (
        "{file} was not encrypted for this workspace's key, so it cannot be opened here. "
        "Check that it was sent to the right place; " + _NOTHING + "."
    )


class DecryptionFailed(BatchRefused):
    code = "batch.decryption_failed"
    template = "{file} could not be decrypted: it was damaged or changed. " + _ASK_AGAIN


class PayloadTooLarge(BatchRefused):
    code = "batch.payload_too_large"
    template = (
        "{file} would unpack to more data than it says it holds, so it was not unpacked. "
        + _ASK_AGAIN
    )
