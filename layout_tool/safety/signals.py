"""Cleanup on every exit: SIGTERM ends a run like Ctrl-C, and partial outputs never stay.

SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``), so the atomic writers remove
their temporary files exactly as for Ctrl-C; the CLI exits 143 (SIGINT: 130). A run killed
with no chance to clean up (kill -9, power loss) leaves ``.NAME.lt<pid>-XXXX.part`` files;
:func:`sweep_parts` removes those of processes no longer running, the next time the tool
writes into the same folder.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from pathlib import Path
from types import FrameType

EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
PART_PREFIX = "lt"  # the temporary names carry ``.lt<pid>-`` so a sweep knows their owner
_PART = re.compile(r"^\..+\.lt(\d+)-[^./]*\.part$")
_swept: set[str] = set()
_lock = threading.Lock()


class Terminated(KeyboardInterrupt):
    """The run was asked to stop by SIGTERM."""


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def install() -> None:
    """SIGTERM behaves as Ctrl-C does (only from the main thread, where signals arrive)."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_term)


def part_prefix(target: Path) -> str:
    return f".{target.name}.{PART_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: leave its files alone
    return True


def sweep_parts(folder: Path) -> list[Path]:
    """Remove this tool's stale ``.part`` files in ``folder`` (once per folder and run)."""
    key = str(folder.resolve())
    with _lock:
        if key in _swept:
            return []
        _swept.add(key)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PART.match(entry.name)
        if m is None or _alive(int(m.group(1))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
