"""Typed, coded errors shared by every layer.

Every error a person can meet is a :class:`CmlentryError` subclass with a stable ``code`` and an
English sentence that says what happened and what to do. The GUI translates by ``code`` (with the
same ``params``); the command line prints the sentence. Params never carry patient data or key
material: only user names, counts, file names and similar.
"""

from __future__ import annotations

from typing import ClassVar


class CmlentryError(Exception):
    """Base of every error meant for a person."""

    code: ClassVar[str] = "error"
    template: ClassVar[str] = "Something went wrong."

    def __init__(self, template: str | None = None, /, **params: object) -> None:
        self.params = params
        self.message = (template or self.template).format(**params)
        super().__init__(self.message)


# --- workspace folder -------------------------------------------------------------------------


class NotAWorkspace(CmlentryError):
    code = "workspace.not_found"
    template = (
        "{folder} is not a cmlentry workspace. Check the folder name, or create a workspace "
        "there with 'cmlentry init'."
    )


class WorkspaceExists(CmlentryError):
    code = "workspace.exists"
    template = "{folder} already holds files. Choose an empty or new folder; nothing was changed."


class WorkspaceInUse(CmlentryError):
    code = "workspace.in_use"
    template = (
        "This workspace is already open in another cmlentry window or command. Close it there, "
        "then try again."
    )


class NetworkShareRefused(CmlentryError):
    code = "workspace.network_share"
    template = (
        "{folder} is on a network share or removable drive ({kind}). Keep the workspace on this "
        "computer's own disk so no saved work can be lost."
    )


class WorkspaceDamaged(CmlentryError):
    code = "workspace.damaged"
    template = (
        "The workspace file is damaged, so cmlentry will not write to it. Nothing more was "
        "changed. Restore the last good backup with 'cmlentry restore' and call your site "
        "administrator."
    )


class JournalUnavailable(CmlentryError):
    code = "workspace.journal_unavailable"
    template = (
        "cmlentry cannot keep its crash-safety journal for the workspace in {folder}. Move the "
        "workspace to this computer's own disk; nothing was changed."
    )


class WorkspaceTooNew(CmlentryError):
    code = "workspace.too_new"
    template = (
        "This workspace was made by a newer version of cmlentry. Install the newer version "
        "to open it; nothing was changed."
    )


class DiskFull(CmlentryError):
    code = "io.disk_full"
    template = (
        "There is not enough free space in {folder}. Free some space or choose another place; "
        "nothing was changed."
    )


class ReadOnlyDestination(CmlentryError):
    code = "io.read_only"
    template = (
        "cmlentry cannot write to {folder} (it is read-only or you lack permission). Choose "
        "another place; nothing was changed."
    )


class FileProblem(CmlentryError):
    code = "io.failed"
    template = "cmlentry could not write to {folder} ({reason}). Nothing was changed."


# --- users and logging in ---------------------------------------------------------------------


class WrongCredentials(CmlentryError):
    code = "auth.wrong_credentials"
    template = (
        "The user name or password is not right. {attempts_left} attempts are left before the "
        "account is locked."
    )


class LoginDelayed(CmlentryError):
    code = "auth.delayed"
    template = "Too many wrong passwords: wait {seconds} seconds, then try again."


class AccountLocked(CmlentryError):
    code = "auth.locked"
    template = (
        "The account {username} is locked after too many wrong passwords. Ask your site "
        "administrator to set a new password, or use the recovery key ('cmlentry recover')."
    )


class AccountDisabled(CmlentryError):
    code = "auth.disabled"
    template = (
        "The account {username} is disabled. Ask your site administrator if you still need it."
    )


class NotPermitted(CmlentryError):
    code = "auth.not_permitted"
    template = "Your role ({role}) may not {action}. Ask a {needed} to do it."


class PasswordChangeRequired(CmlentryError):
    code = "auth.password_change_required"
    template = (
        "{username} must choose a new password before doing anything else: run "
        "'cmlentry user passwd {username}'."
    )


class KeySlotsDamaged(CmlentryError):
    code = "workspace.slots_damaged"
    template = (
        "The key file of this workspace (keyslots.json) is missing or damaged, so it cannot be "
        "unlocked. Restore the last good backup with 'cmlentry restore'; nothing was changed."
    )


class WrongRecoveryKey(CmlentryError):
    code = "auth.wrong_recovery_key"
    template = (
        "That recovery key does not open this workspace. Check it against the sealed copy "
        "and type it again."
    )


class RecoveryKeyTypo(CmlentryError):
    code = "auth.recovery_key_typo"
    template = (
        "Group {group} of the recovery key has a typing error. Check that group against the "
        "sealed copy and type it again."
    )


class RecoveryKeyMalformed(CmlentryError):
    code = "auth.recovery_key_malformed"
    template = (
        "A recovery key has {groups} groups of {size} letters and digits. Type it again from "
        "the sealed copy."
    )


class WeakPassword(CmlentryError):
    code = "auth.weak_password"
    template = "The new password is too weak: {why}. Choose another one."


class UserExists(CmlentryError):
    code = "users.exists"
    template = "There is already a user called {username}. Choose another user name."


class UnknownUser(CmlentryError):
    code = "users.unknown"
    template = "There is no user called {username} in this workspace. Check the spelling."


class InvalidInput(CmlentryError):
    code = "input.invalid"
    template = "{field} is not valid: {why}."


class LastAdmin(CmlentryError):
    code = "users.last_admin"
    template = (
        "{username} is the last active site administrator. Give another user that role first."
    )


# --- backups ----------------------------------------------------------------------------------


class NotABackup(CmlentryError):
    code = "backup.not_found"
    template = "{path} is not a cmlentry backup. Choose the folder that 'cmlentry backup' wrote."


class BackupDamaged(CmlentryError):
    code = "backup.damaged"
    template = (
        "The backup {path} failed its check ({detail}). It cannot be used; try an older backup."
    )


class Cancelled(CmlentryError):
    code = "cancelled"
    template = "Cancelled; nothing was changed."


# --- cases ------------------------------------------------------------------------------------


class UnknownCase(CmlentryError):
    code = "cases.unknown"
    template = "There is no case {registry_id} in this workspace. Check the registry ID."


class ReasonRequired(CmlentryError):
    code = "cases.reason_required"
    template = (
        "The form {form} is already complete: give a reason for this change (for example "
        "'corrected from the source document'). Nothing was saved yet."
    )


class FormNotReady(CmlentryError):
    code = "cases.not_ready"
    template = (
        "The form {form} cannot be marked complete yet: {count} problem(s) remain, the first "
        "being: {first}"
    )


class SequenceExhausted(CmlentryError):
    code = "cases.sequence_exhausted"
    template = "This centre has used all 9999 registry numbers. Call the registry coordinator."


class AlreadyImported(CmlentryError):
    code = "cases.already_imported"
    template = (
        "This very file ({file}) was already imported on {when} ({count} cases); importing it "
        "again would register the same patients twice. Nothing was changed. If a second copy "
        "is really wanted, import it again with --again."
    )


# --- review: signatures, locking, source verification, queries ----------------------------------


class CaseLocked(CmlentryError):
    code = "review.locked"
    template = (
        "Case {registry_id} was signed by {signer} on {when} and is locked. Ask the principal "
        "investigator to unlock it with a reason before changing it. Nothing was saved."
    )


class NotSignable(CmlentryError):
    code = "review.not_signable"
    template = "Case {registry_id} cannot be signed yet: {why}. Nothing was signed."


class AlreadySigned(NotSignable):
    code = "review.already_signed"
    template = "Case {registry_id} is already signed. Nothing was signed again."


class NotComplete(NotSignable):
    code = "review.not_complete"
    template = (
        "Case {registry_id} cannot be signed yet: not every form is marked complete. Nothing was "
        "signed."
    )


class HasErrors(NotSignable):
    code = "review.has_errors"
    template = (
        "Case {registry_id} cannot be signed yet: a form still has an error to fix. Nothing was "
        "signed."
    )


class OpenQueries(CmlentryError):
    code = "review.open_queries"
    template = (
        "Case {registry_id} still has unresolved queries ({count}): they must be answered, and "
        "the ones raised here closed, before signing. Nothing was signed."
    )


class NotSigned(CmlentryError):
    code = "review.not_signed"
    template = "Case {registry_id} is not signed, so there is nothing to unlock or verify."


class SignatureInvalid(CmlentryError):
    code = "review.signature_invalid"
    template = (
        "The signature of case {registry_id} does not verify: {problem}. Tell the principal "
        "investigator; the case must be checked and signed again."
    )


class SignatureMoved(SignatureInvalid):
    code = "review.signature_moved"
    template = (
        "The signature of case {registry_id} does not verify: it was made for another case. "
        "Tell the principal investigator; the case must be checked and signed again."
    )


class SignedContentChanged(SignatureInvalid):
    code = "review.signed_content_changed"
    template = (
        "The signature of case {registry_id} does not verify: the case's answers changed after "
        "it was signed. Tell the principal investigator; the case must be checked and signed "
        "again."
    )


class SignatureAltered(SignatureInvalid):
    code = "review.signature_altered"
    template = (
        "The signature of case {registry_id} does not verify: its signer, time or meaning was "
        "altered. Tell the principal investigator; the case must be checked and signed again."
    )


class UnknownQuery(CmlentryError):
    code = "queries.unknown"
    template = "There is no query {query_id} in this workspace. Check its number."


class QueryNotYours(CmlentryError):
    code = "queries.not_yours"
    template = "Only {raised_by}, who raised this query, can {action} it. Nothing was changed."


class QueryNotYoursToClose(QueryNotYours):
    code = "queries.not_yours_to_close"
    template = "Only {raised_by}, who raised this query, can close it. Nothing was changed."


class QueryNotYoursToCancel(QueryNotYours):
    code = "queries.not_yours_to_cancel"
    template = "Only {raised_by}, who raised this query, can cancel it. Nothing was changed."


class OwnQueryAnswer(QueryNotYours):
    code = "queries.own_answer"
    template = (
        "You raised this query yourself, so someone else answers it; you close it once it is "
        "answered, or cancel it. Nothing was changed."
    )


class SiteQueryClosed(QueryNotYours):
    code = "queries.site_closes"
    template = (
        "Queries raised at a site are closed or cancelled only by that site; the registry reads "
        "them as they travel in its batches. Nothing was changed."
    )


class RegistryQueryClosed(QueryNotYours):
    code = "queries.registry_closes"
    template = (
        "Queries from the registry are closed or cancelled only by the registry, in its next "
        "acknowledgement. Answer it here. Nothing was changed."
    )


class QueryStateRefused(CmlentryError):
    code = "queries.state"
    template = "This query is {state}, so it cannot be {action}. Nothing was changed."


class QueryNotOpen(QueryStateRefused):
    code = "queries.not_open"
    template = (
        "This query is not open any more (it was answered, closed or cancelled), so it cannot "
        "be answered. Nothing was changed."
    )


class QueryNotAnswered(QueryStateRefused):
    code = "queries.not_answered"
    template = (
        "This query has no answer yet, so it cannot be closed: wait for the answer, or cancel "
        "it. Nothing was changed."
    )


class QueryFinished(QueryStateRefused):
    code = "queries.finished"
    template = "This query is already closed or cancelled. Nothing was changed."
