"""Outputs appear only complete: write to a temporary name beside the target, then rename.

The temporary name (``.NAME.lt<pid>-XXXX.part``) says which process wrote it, so a later
run into the same folder sweeps the parts a killed run left (``safety.signals``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TypeVar

from layout_tool.safety.signals import part_prefix, sweep_parts


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed onto ``target`` on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_parts(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=part_prefix(target), suffix=".part", dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(target: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    with atomic_path(target) as tmp, tmp.open(mode) as fh:
        yield fh


def write_text_atomic(target: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


R = TypeVar("R")


def commit_reports(
    stack: ExitStack, folder: Path, renderers: Mapping[str, Callable[[R], str]], report: R
) -> None:
    """A run's reports, rendered and written under temporary names in ``stack``.

    Entered after the data files, they are renamed first when the stack closes; a report
    that fails to render stops the run before any of its data is renamed.
    """
    for name, render in renderers.items():
        text = render(report)
        tmp = stack.enter_context(atomic_path(folder / name))
        tmp.write_text(text, encoding="utf-8")
