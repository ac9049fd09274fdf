"""How the batch screens start their background work, so the window can take part if it wants.

Every screen here builds an :class:`~cmlentry.gui.workers.Op` (on the one worker thread, with
progress after 300 ms) and hands it to a *runner*. The default runner just calls ``op.run()``,
which is what the window's own long tasks do (``main_tasks.py``); a window that wants to see
every operation (to refuse work while locked, say) passes its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cmlentry.gui.workers import Op

OpRunner = Callable[[Op[Any]], None]
"""Starts a configured operation (``op.run()`` by default)."""


def run_now(op: Op[Any]) -> None:
    """The default runner: queue the operation on the worker thread at once."""
    op.run()


def runner_or_default(runner: OpRunner | None) -> OpRunner:
    return runner if runner is not None else run_now
