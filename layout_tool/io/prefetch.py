"""Read ahead in a thread: the next batch is made while the caller works on this one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar, cast

T = TypeVar("T")

_DONE = object()
_POLL = 0.1  # seconds between looks at the stop flag while waiting


def prefetch(batches: Iterator[T], ahead: int = 2) -> Generator[T, None, None]:
    """Make the next items of ``batches`` in a thread while the caller uses this one.

    polars, hashlib and the CP932 codec's callers hand work to code that mostly releases
    the GIL, so on two cores the stages overlap. At most ``ahead`` items exist that the
    caller has not taken yet, the one being made included: 1 is double buffering (the
    caller's item and the next), which bounds memory to two items a stage.
    """
    box: queue.SimpleQueue[object] = queue.SimpleQueue()
    slots = threading.Semaphore(ahead)
    stop = threading.Event()

    def work() -> None:
        try:
            items = iter(batches)
            while True:
                while not slots.acquire(timeout=_POLL):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                item = next(items, _DONE)
                box.put(item)
                if item is _DONE:
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            box.put(exc)

    thread = threading.Thread(target=work, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = box.get()
            slots.release()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield cast(T, item)
    finally:
        stop.set()
        slots.release()  # a producer waiting for a slot wakes now, sees ``stop`` and ends
        thread.join()
        close = getattr(batches, "close", None)
        if close is not None:
            close()
