"""The readers-writer lock the facade uses to swap indexes between questions."""

from __future__ import annotations

import threading

from assistant.sync import RWLock


def test_writer_waits_for_readers() -> None:
    lock, order = RWLock(), []

    def writer() -> None:
        with lock.write():
            order.append("write")

    with lock.read():
        t = threading.Thread(target=writer)
        t.start()
        t.join(0.2)
        order.append("read-done")
    t.join(2)
    assert order == ["read-done", "write"]


def test_a_reader_may_read_again_while_a_writer_waits() -> None:
    """A lookup inside a question re-enters the read side; a waiting writer must not
    deadlock it."""
    lock, order = RWLock(), []
    writer_waiting = threading.Event()

    def writer() -> None:
        writer_waiting.set()
        with lock.write():
            order.append("write")

    with lock.read():
        t = threading.Thread(target=writer)
        t.start()
        writer_waiting.wait(2)
        t.join(0.1)  # the writer is now waiting for this reader
        with lock.read():
            order.append("inner read")
    t.join(2)
    assert order == ["inner read", "write"] and not t.is_alive()
