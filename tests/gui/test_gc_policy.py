"""The cyclic collector runs on the GUI thread's timer, not wherever allocations happen."""

from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from cmlentry.gui import gc_policy


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector can free it


def test_automatic_collection_is_off_and_the_timer_collects(qtbot: QtBot, qapp: object) -> None:
    gc_policy.install(qapp)  # type: ignore[arg-type]
    assert not gc.isenabled()
    node = _Node()
    alive = weakref.ref(node)
    del node
    # Allocations on a worker thread no longer trigger a collection there.
    worker = threading.Thread(target=lambda: [_Node() for _ in range(50_000)])
    worker.start()
    worker.join()
    assert alive() is not None
    qtbot.waitUntil(lambda: alive() is None, timeout=5_000)
