"""The case editor: the forms of one case, rendered from the form definition.

:class:`CaseEditor` is what the main window uses; each module of this package does one part:

* :mod:`.form_state` — the answers as typed, what applies, what differs from the store (no Qt);
* :mod:`.typed_values` — typed text to stored answer and back (no Qt);
* :mod:`.findings` — checks and calculations of the typed answers, and where they belong (no Qt);
* :mod:`.inputs`, :mod:`.field_widget`, :mod:`.issue_view`, :mod:`.derived_view` — one item;
* :mod:`.repeating_model`, :mod:`.repeating_group` — a repeating group as a table;
* :mod:`.form_page`, :mod:`.form_stack`, :mod:`.form_nav`, :mod:`.editor_header`,
  :mod:`.banner` — the layout;
* :mod:`.saving`, :mod:`.autosave`, :mod:`.recovery` — saves, drafts and recovered drafts;
  :mod:`.save_report` — what the status bar and the red banner say about them;
  :mod:`.save_key` — Ctrl+S;
* :mod:`.field_actions`, :mod:`.prompts` — override, remove a row, history, and the questions
  they ask.

Keyboard: Tab follows the form; Enter moves to the next input, and from the last input of a
form to "Mark form complete" (or Save while the form cannot be completed); Ctrl+S saves;
Ctrl+H shows the focused answer's history; Insert or Ctrl+Shift+= adds a row to a table,
Ctrl+Delete removes one.
"""

from cmlentry.gui.editor.case_editor import CaseEditor

__all__ = ["CaseEditor"]
