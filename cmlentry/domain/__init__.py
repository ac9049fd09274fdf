"""Pure domain code: no I/O, no Qt, no database."""
