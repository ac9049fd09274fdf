"""The registry coordinator's window: centres, batch import by drag and drop, the import report.

One module a part: ``registry_window`` (the window, its lock and its life), ``registry_actions``
(menus and tool bar), ``centres_model``/``centres_view`` (the centre status table),
``import_panel`` (drop zone and button), ``import_report`` (what became of each file),
``ack_folder`` (where acknowledgements are written), ``register_centre_dialog``.
"""
