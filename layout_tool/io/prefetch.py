"""Read ahead in a thread: the next batch is parsed while the caller checks this one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar, cast

T = TypeVar("T")

_DONE = object()


def prefetch(batches: Iterator[T]) -> Iterator[T]:
    """Read and parse the next batch in a thread while the caller checks this one.

    polars and hashlib release the GIL, so on two cores reading overlaps checking. The
    queue holds one batch, which bounds memory to about two batches.
    """
    box: queue.Queue[object] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def work() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        box.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            box.put(exc)
            return
        box.put(_DONE)

    thread = threading.Thread(target=work, name="csv-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = box.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield cast(T, item)
    finally:
        stop.set()
        while thread.is_alive():
            try:
                box.get_nowait()
            except queue.Empty:
                thread.join(timeout=0.05)
