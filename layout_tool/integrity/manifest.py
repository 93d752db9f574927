"""The manifest: per handed-over file its area, file id, records, bytes, SHA-256 and encoding.

The sender writes it next to the files (``layout-tool manifest``); the receiver checks the
folder against it (``layout-tool verify``, or ``validate`` on the folder). A sender's own
件数表 (file, count) can stand in for it, with counts only (``counts.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from layout_tool import __version__
from layout_tool.errors import LayoutToolError
from layout_tool.integrity.measure import Measured, measure_folder
from layout_tool.io.atomic import write_text_atomic
from layout_tool.progress import Progress
from layout_tool.spec.catalogue import DEFAULT_VERSION
from layout_tool.spec.model import AreaSpec

FORMAT = 1
Kind = Literal["manifest", "counts"]


@dataclass(frozen=True)
class Expected:
    """One file as the sender declared it (a manifest entry or a 件数表 line)."""

    path: str  # manifest: relative path; 件数表: the name as written
    rows: int | None
    bytes: int | None = None
    sha256: str | None = None
    file_id: str | None = None
    area: str | None = None
    encoding: str | None = None
    line: int | None = None  # where a 件数表 says it

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "area": self.area,
            "file_id": self.file_id,
            "rows": self.rows,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "encoding": self.encoding,
        }


@dataclass(frozen=True)
class Manifest:
    """What a folder should hold. ``kind`` says whether hashes are known (a 件数表 has none)."""

    files: tuple[Expected, ...]
    standard: str | None = "chukan"
    version: str | None = DEFAULT_VERSION
    area: str | None = None
    created: str | None = None
    tool_version: str | None = None
    kind: Kind = "manifest"
    source: str | None = field(default=None, compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)  # files left out, and why

    def to_dict(self) -> dict[str, object]:
        return {
            "tool": "layout-tool",
            "tool_version": self.tool_version,
            "format": FORMAT,
            "spec": {"standard": self.standard, "version": self.version, "area": self.area},
            "created": self.created,
            "files": [f.to_dict() for f in self.files],
        }


def build_manifest(
    folder: Path,
    spec: AreaSpec | None = None,
    encoding: str = "auto",
    has_header: bool = True,
    progress: Progress | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Manifest:
    """Measure every file of ``folder`` (see ``measure.listed_files`` for what is left out)."""
    if not folder.is_dir():
        raise LayoutToolError(f"{folder}: not a folder")
    notes: list[str] = []
    found = list(measure_folder(folder, spec, encoding, has_header, progress, skip, notes))
    areas = {m.area for m in found if m.area}
    area = spec.id if spec else (areas.pop() if len(areas) == 1 else None)
    return Manifest(
        files=tuple(_expected(m) for m in found),
        standard=spec.standard if spec else "chukan",
        version=spec.version if spec else DEFAULT_VERSION,
        area=area,
        created=dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        tool_version=__version__,
        notes=tuple(notes),
    )


def _expected(m: Measured) -> Expected:
    return Expected(
        path=m.path,
        rows=m.rows,
        bytes=m.bytes,
        sha256=m.sha256,
        file_id=m.file_id,
        area=m.area,
        encoding=m.encoding,
    )


def write_manifest(manifest: Manifest, out: Path) -> None:
    write_text_atomic(out, json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n")


def load_manifest(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise LayoutToolError("manifest not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutToolError(f"cannot read the manifest: {exc}", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise LayoutToolError(f"not JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise LayoutToolError("not a layout-tool manifest (no `files` list)", path=str(path))
    raw_spec = data.get("spec")
    spec: dict[str, Any] = raw_spec if isinstance(raw_spec, dict) else {}
    files = tuple(_entry(raw, n, path) for n, raw in enumerate(data["files"]))
    seen: set[str] = set()
    for f in files:
        if f.path in seen:
            raise LayoutToolError(f"file {f.path!r} is listed twice", path=str(path))
        seen.add(f.path)
    return Manifest(
        files=files,
        standard=_opt_str(spec.get("standard")),
        version=_opt_str(spec.get("version")),
        area=_opt_str(spec.get("area")),
        created=_opt_str(data.get("created")),
        tool_version=_opt_str(data.get("tool_version")),
        kind="manifest",
        source=str(path),
    )


def _entry(raw: Any, n: int, source: Path) -> Expected:
    def bad(why: str) -> LayoutToolError:
        return LayoutToolError(f"files[{n}]: {why}", path=str(source))

    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
        raise bad("each file needs a `path` string")
    rel = PurePosixPath(raw["path"])
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise bad(f"path {raw['path']!r} must be relative to the folder, without ..")
    for key in ("rows", "bytes"):
        value = raw.get(key)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            raise bad(f"`{key}` must be a whole number, not {value!r}")
    sha = raw.get("sha256")
    if sha is not None and (
        not isinstance(sha, str) or len(sha) != 64 or set(sha.lower()) - set("0123456789abcdef")
    ):
        raise bad("`sha256` must be 64 hex digits")
    return Expected(
        path=rel.as_posix(),
        rows=raw.get("rows"),
        bytes=raw.get("bytes"),
        sha256=sha.lower() if isinstance(sha, str) else None,
        file_id=_opt_str(raw.get("file_id")),
        area=_opt_str(raw.get("area")),
        encoding=_opt_str(raw.get("encoding")),
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None
