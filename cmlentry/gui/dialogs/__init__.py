"""The case dialogs: reason, override, history, new case, identity, crash notice, about.

Each dialog is its own module and is imported from there (``from
cmlentry.gui.dialogs.reason_dialog import ask_reason``); this package imports nothing, so opening
one dialog never loads the others.
"""
