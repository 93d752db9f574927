"""Read a large document with several processes: segments cut after a ``</レコード>``.

Each segment is parsed on its own between a synthetic prefix (the root's and the file
element's start tags, with their namespace declarations) and a synthetic suffix (their end
tags), then the results are taken in document order. Why this is exactly one sequential
pass: a segment whose real content does not fit the synthetic frame (a cut inside a
comment, a nested レコード, a second file element) fails to parse or reports itself
irregular, and every segment before the first such one is proven to end with just the root
and the file element open, which is what the next one assumed. From the first failing
segment on, the document is read by one sequential pass, as if there had been no segments.

Only UTF-8 documents of at least ``MIN_BYTES`` holding one file element are split; every
other document gets one pass. ``LAYOUT_TOOL_JOBS`` sets the number of processes (1: none).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from layout_tool.spec.model import AreaSpec
from layout_tool.xml import stream
from layout_tool.xml.feed import Feed
from layout_tool.xml.parts import Context, EndPart, FilePart, NotePart, Part, RecordsPart
from layout_tool.xml.shape import Shape
from layout_tool.xml.xsd import RECORD

if TYPE_CHECKING:
    from layout_tool.io.digest import Hasher
    from layout_tool.xml.reader import XmlSource

MIN_BYTES = 64 << 20
SEGMENT_BYTES = 16 << 20
SEGMENT_LINES = 50_000
SEGMENT_BATCH = 5_000  # records per part in a worker: its memory, not its speed
WINDOW = 1 << 20
SCAN_BYTES = 8 << 20
_END = re.compile(rb"</(?:[^\s<>/:]+:)?" + re.escape(RECORD.encode()) + rb"[ \t\r\n]*>")
_GUARD = re.compile(r"""if\s+__name__\s*==\s*['"]__main__['"]""")
_shapes: dict[tuple[str, str], Shape] = {}


def jobs(requested: int | None = None) -> int:
    """Processes to read with: as requested, else ``LAYOUT_TOOL_JOBS``, else up to 4 cores;
    1 unless the main script can be re-imported by the workers without running again."""
    if requested is not None:
        return max(1, requested)
    if not _main_guarded():
        return 1
    env = os.environ.get("LAYOUT_TOOL_JOBS", "").strip()
    if env.isdigit():
        return max(1, int(env))
    return max(1, min(4, cpus()))


def cpus() -> int:
    """CPUs this process may use (all of them where the OS cannot say)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _main_guarded() -> bool:
    """Spawned workers import the main script again: safe only when it guards its work
    with ``if __name__ == "__main__"`` (the console script does; an arbitrary one may not)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or path is None:
        return True  # interactive: nothing to import again
    name = getattr(getattr(main, "__spec__", None), "name", "") or ""
    if name == "__main__" or name.endswith(".__main__"):
        return True  # ``python -m package``: spawn does not run a package's __main__ again
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return False
    return _GUARD.search(text) is not None


def plan(source: XmlSource, workers: int | None) -> list[int] | None:
    """Segment boundaries (byte offsets, 0 … size), or None for one sequential pass."""
    head = source.head
    first = head.first
    if (
        jobs(workers) < 2
        or source.size < MIN_BYTES
        or head.encoding.replace("-", "").replace("_", "") not in {"utf8"}
        or head.root is None
        or first is None
        or first.tag not in source.shape.files
        or (source.select is not None and source.shape.files[first.tag].spec.id != source.select)
    ):
        return None
    count = -(-source.size // _segment_bytes(source.path))
    bounds = [0]
    with source.path.open("rb") as fh:
        for k in range(1, count):
            target = max(source.size * k // count, bounds[-1] + 1)
            fh.seek(target)
            found = _END.search(fh.read(WINDOW))
            if found is not None and target + found.end() < source.size:
                bounds.append(target + found.end())
    bounds.append(source.size)
    return bounds if len(bounds) > 2 else None


def _segment_bytes(path: Path) -> int:
    """Segments of at most ``SEGMENT_BYTES`` and about ``SEGMENT_LINES`` lines (by the
    density of the first megabyte), so that libxml2's 16-bit element lines stay exact."""
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    per_byte = head.count(b"\n") / max(len(head), 1)
    return max(
        1 << 16, min(SEGMENT_BYTES, int(SEGMENT_LINES / per_byte) if per_byte else SEGMENT_BYTES)
    )


@dataclass(frozen=True)
class Task:
    spec: AreaSpec
    path: str
    start: int
    end: int
    prefix: bytes
    suffix: bytes
    ctx: Context


def read_segment(task: Task) -> tuple[list[Part], int]:
    """In a worker: one segment's parts, rows numbered from 1 and lines from 1 within the
    segment, and the number of line breaks the segment holds."""
    key = (task.spec.id, task.spec.version)
    shape = _shapes.get(key)
    if shape is None or shape.spec != task.spec:
        shape = _shapes[key] = Shape(task.spec)
    feed = Feed(Path(task.path), task.start, task.end, task.prefix, task.suffix)
    gc.disable()  # a worker's objects are short-lived rows: the collector would only rescan
    try:
        parts = _merged(stream.run(shape, feed, task.ctx))
        feed.drain()
        return parts, feed.newlines
    finally:
        gc.enable()
        feed.close()


def _merged(parts: Iterable[Part]) -> list[Part]:
    """Consecutive record batches of a file as one: fewer, larger batches for the engine
    (a worker parses in small batches to bound its memory, not the engine's)."""
    out: list[Part] = []
    for part in parts:
        last = out[-1] if out else None
        if (
            isinstance(part, RecordsPart)
            and isinstance(last, RecordsPart)
            and last.file_id == part.file_id
        ):
            shift = last.frame.height
            last.problems += [replace(p, index=p.index + shift) for p in part.problems]
            last.frame = pl.concat([last.frame, part.frame], rechunk=False)
            last.lines.extend(part.lines)
        else:
            out.append(part)
    return out


def run(source: XmlSource, bounds: list[int], digest: Hasher) -> Iterator[Part]:
    """The parts of every segment in order; a sequential pass from the first failing one."""
    head = source.head
    assert head.root is not None and head.first is not None
    file_id = source.shape.files[head.first.tag].spec.id
    prefix = (head.root.start() + head.first.start()).encode()
    suffix = f"</{head.first.qname()}></{head.root.qname()}>".encode()
    count = len(bounds) - 1

    def task(k: int, line0: int = 1) -> Task:
        ctx = Context(
            source.label,
            select=source.select,
            line0=line0,
            at_start=k == 0,
            segment=True,
            open_file=None if k == 0 else file_id,
            batch=min(source.batch_records, SEGMENT_BATCH),
        )
        return Task(
            source.spec, str(source.path), bounds[k], bounds[k + 1],
            b"" if k == 0 else prefix, b"" if k == count - 1 else suffix, ctx,
        )  # fmt: skip

    workers = min(jobs(source.workers), count)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    pending: dict[int, Future[tuple[list[Part], int]]] = {}
    base, line0 = 0, 1  # records and lines before segment k
    failed: int | None = None
    hashed = _Digest(source.path, digest)
    try:
        try:
            for k in range(count):
                for j in range(k, min(count, k + workers + 1)):
                    if j not in pending:
                        pending[j] = pool.submit(read_segment, task(j))
                try:
                    parts, newlines = pending.pop(k).result()
                except (BrokenProcessPool, OSError):  # a worker died: read on in this process
                    failed = k
                    break
                end = parts[-1] if parts else EndPart(stopped=True)
                if not isinstance(end, EndPart) or end.stopped or end.irregular:
                    failed = k
                    break
                for part in parts[:-1]:
                    if isinstance(part, RecordsPart):
                        yield _records(part, base, line0 - 1)
                        base += part.frame.height
                    elif isinstance(part, NotePart):
                        yield _notes(part, line0 - 1)
                    elif isinstance(part, FilePart) and k == 0:
                        yield part  # the document's first lines: nothing to shift
                line0 += newlines
                hashed.advance(bounds[k + 1])
        finally:
            pool.shutdown(wait=failed is None, cancel_futures=True)
        if failed is not None:
            yield from _sequential(source, task(failed, line0), file_id, base)
        hashed.advance(source.size)
    finally:
        hashed.close()


def _records(part: RecordsPart, rows: int, lines: int) -> RecordsPart:
    """A segment's batch with rows and lines counted from the document's start."""
    return replace(
        part,
        first_row=part.first_row + rows,
        lines=array("i", [n and n + lines for n in part.lines]),
        problems=[replace(p, line=p.line and p.line + lines) for p in part.problems],
    )


def _notes(part: NotePart, lines: int) -> NotePart:
    return replace(
        part, findings=[replace(f, line=f.line and f.line + lines) for f in part.findings]
    )


def _sequential(source: XmlSource, task: Task, file_id: str, base: int) -> Iterator[Part]:
    """From a segment's start to the end of the document, in one pass in this process."""
    ctx = replace(
        task.ctx,
        segment=False,
        rows_before=base if not task.ctx.at_start else 0,
        seen=() if task.ctx.at_start else (file_id,),
    )
    feed = Feed(source.path, task.start, None, task.prefix, b"")
    try:
        yield from stream.run(source.shape, feed, ctx)
    finally:
        feed.close()


class _Digest:
    """The file's digest, fed in order as segments are taken (into one reused buffer)."""

    def __init__(self, path: Path, digest: Hasher) -> None:
        self.fh = path.open("rb", buffering=0)
        self.digest = digest
        self.pos = 0
        self.buffer = bytearray(SCAN_BYTES)

    def advance(self, offset: int) -> None:
        view = memoryview(self.buffer)
        try:
            while self.pos < offset:
                got = self.fh.readinto(view[: min(SCAN_BYTES, offset - self.pos)])
                if not got:
                    break
                self.digest.update(view[:got])
                self.pos += got
        finally:
            view.release()

    def close(self) -> None:
        self.fh.close()
