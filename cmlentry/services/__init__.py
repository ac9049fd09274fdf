"""Use cases called by the command line and the GUI. Take and return plain dataclasses."""
