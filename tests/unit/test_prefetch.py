"""The read-ahead thread: order, how far it runs ahead, errors, and an early stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from layout_tool.io.prefetch import prefetch


class Source:
    """Counts the items made, and whether the generator was closed."""

    def __init__(self, n: int, fail_at: int | None = None) -> None:
        self.n, self.fail_at = n, fail_at
        self.made = 0
        self.closed = False

    def items(self) -> Iterator[int]:
        try:
            for i in range(self.n):
                if i == self.fail_at:
                    raise ValueError(f"bad item {i}")
                self.made += 1
                yield i
        finally:
            self.closed = True


def _settle(source: Source, made: int) -> None:
    """Wait until the producer has made ``made`` items (or a second passed)."""
    deadline = time.monotonic() + 1.0
    while source.made < made and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.05)  # long enough for a producer that ignores the bound to overshoot


def test_items_arrive_in_order() -> None:
    assert list(prefetch(iter(range(100)), ahead=1)) == list(range(100))
    assert list(prefetch(iter(range(100)))) == list(range(100))


@pytest.mark.parametrize("ahead", [1, 2, 3])
def test_no_more_than_ahead_items_wait_for_the_caller(ahead: int) -> None:
    source = Source(50)
    it = prefetch(source.items(), ahead=ahead)
    first = next(it)
    assert first == 0
    _settle(source, 1 + ahead)
    # the caller holds item 0; the producer made at most ``ahead`` beyond it
    assert source.made == 1 + ahead
    second = next(it)
    assert second == 1
    _settle(source, 2 + ahead)
    assert source.made == 2 + ahead
    it.close()


def test_a_producer_error_reaches_the_caller_after_the_good_items() -> None:
    source = Source(10, fail_at=3)
    got: list[int] = []
    with pytest.raises(ValueError, match="bad item 3"):
        for item in prefetch(source.items(), ahead=1):
            got.append(item)
    assert got == [0, 1, 2]


def test_stopping_early_ends_the_thread_and_closes_the_source() -> None:
    before = threading.active_count()
    source = Source(1000)
    for item in prefetch(source.items(), ahead=1):
        if item == 5:
            break
    assert source.closed
    assert source.made <= 7
    assert threading.active_count() == before


def test_nested_stages_stop_together() -> None:
    """As ``CsvSource.batches``: a stage whose generator reads another stage."""
    before = threading.active_count()
    source = Source(1000)

    def doubled() -> Iterator[int]:
        for x in prefetch(source.items(), ahead=1):
            yield x * 2

    outer = prefetch(doubled(), ahead=1)
    assert [next(outer) for _ in range(3)] == [0, 2, 4]
    outer.close()
    assert source.closed
    assert threading.active_count() == before


def test_closing_wakes_a_producer_waiting_for_a_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    """The producer waits for a slot with a long poll; closing must not wait for it."""
    import layout_tool.io.prefetch as module

    monkeypatch.setattr(module, "_POLL", 30.0)
    source = Source(1000)
    it = prefetch(source.items(), ahead=1)
    next(it)
    _settle(source, 2)  # the producer made item 1 and now waits for a slot
    started = time.monotonic()
    it.close()
    assert time.monotonic() - started < 10.0  # not the 30 s poll
    assert source.closed
