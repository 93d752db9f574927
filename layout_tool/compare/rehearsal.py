"""Rehearsal diff: two validation or conversion reports (JSON), rehearsal N and N+1.

Per file and finding code: how many findings each report holds, the change, and whether the
code is new, fixed or still open. Per-code totals come from the reports' summaries (exact);
per-file counts from their listed findings (exact unless a report was capped, which the
notes then say). Rows per file come from the reports' ``files``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_tool import __version__
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import t
from layout_tool.spec.model import AreaSpec

MAX_REPORT_BYTES = 512 << 20


def is_report(path: Path) -> bool:
    """A JSON file (not data): the rehearsal diff applies."""
    return path.is_file() and path.suffix.lower() == ".json"


@dataclass(frozen=True)
class CodeChange:
    file_id: str
    code: str
    old: int
    new: int

    @property
    def change(self) -> int:
        return self.new - self.old

    @property
    def status(self) -> str:
        if self.old == 0:
            return "new"
        if self.new == 0:
            return "fixed"
        return "open"

    def to_dict(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "code": self.code,
            "old": self.old,
            "new": self.new,
            "change": self.change,
            "status": self.status,
        }


@dataclass
class RehearsalReport:
    area: str
    spec_version: str
    standard: str
    old: str
    new: str
    kinds: tuple[str, str]
    codes: list[CodeChange] = field(default_factory=list)  # per file and code
    by_code: list[CodeChange] = field(default_factory=list)  # file_id "*": whole report
    rows: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return all(c.change == 0 for c in self.codes + self.by_code) and all(
            r["rows_old"] == r["rows_new"] for r in self.rows
        )

    @property
    def regressed(self) -> bool:
        """A code is new, or holds more findings than before."""
        return any(c.change > 0 for c in self.codes + self.by_code)

    def summary(self) -> dict[str, int]:
        status = Counter(c.status for c in self.by_code)
        return {
            "findings_old": sum(c.old for c in self.by_code),
            "findings_new": sum(c.new for c in self.by_code),
            "codes_new": status["new"],
            "codes_fixed": status["fixed"],
            "codes_open": status["open"],
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "tool": "layout-tool",
            "version": __version__,
            "command": "compare",
            "kind": "rehearsal",
            "spec": {"standard": self.standard, "version": self.spec_version, "area": self.area},
            "old": {"path": self.old, "report": self.kinds[0]},
            "new": {"path": self.new, "report": self.kinds[1]},
            "same": self.same,
            "regressed": self.regressed,
            "summary": self.summary(),
            "files": self.rows,
            "by_code": [c.to_dict() for c in self.by_code],
            "codes": [c.to_dict() for c in self.codes],
            "notes": self.notes,
        }


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise LayoutToolError(f"{path}: a rehearsal diff takes two JSON reports")
    if path.stat().st_size > MAX_REPORT_BYTES:
        raise LayoutToolError(f"{path}: larger than {MAX_REPORT_BYTES >> 20} MB")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LayoutToolError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or data.get("tool") != "layout-tool":
        raise LayoutToolError(f"{path}: not a layout-tool report")
    if not isinstance(data.get("findings"), list) or not isinstance(data.get("summary"), dict):
        raise LayoutToolError(f"{path}: not a validation or conversion report (no findings)")
    return data


def _kind(data: dict[str, Any]) -> str:
    return "conversion" if data.get("command") == "convert" else "validation"


def _per_file(data: dict[str, Any]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for f in data["findings"]:
        if isinstance(f, dict):
            out[(str(f.get("file_id") or "-"), str(f.get("code")))] += 1
    return out


def _rows(data: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in data.get("files") or []:
        if not isinstance(f, dict):
            continue
        fid = str(f.get("file_id") or "-")
        rows = f.get("rows", f.get("rows_in", 0))
        out[fid] = out.get(fid, 0) + (rows if isinstance(rows, int) else 0)
    return out


def _changes(old: Counter[Any], new: Counter[Any]) -> list[tuple[Any, int, int]]:
    keys = sorted(set(old) | set(new))
    return [(k, old.get(k, 0), new.get(k, 0)) for k in keys]


def compare_reports(spec: AreaSpec, old: Path, new: Path) -> RehearsalReport:
    a, b = _load(old), _load(new)
    report = RehearsalReport(
        spec.id, spec.version, spec.standard, str(old), str(new), (_kind(a), _kind(b))
    )
    for data, path in ((a, old), (b, new)):
        area = (data.get("spec") or {}).get("area")
        if area is not None and area != spec.id:
            raise LayoutToolError(f"{path}: a report of area {area}, not {spec.id}")
        if data["summary"].get("truncated"):
            report.notes.append(t("cmpnote.capped", path=path))
    report.codes = [
        CodeChange(fid, code, o, n) for (fid, code), o, n in _changes(_per_file(a), _per_file(b))
    ]
    totals = [Counter(_by_code(d)) for d in (a, b)]
    report.by_code = [CodeChange("*", c, o, n) for c, o, n in _changes(*totals)]
    rows_a, rows_b = _rows(a), _rows(b)
    report.rows = [
        {"file_id": fid, "rows_old": rows_a.get(fid, 0), "rows_new": rows_b.get(fid, 0),
         "change": rows_b.get(fid, 0) - rows_a.get(fid, 0)}
        for fid in sorted(set(rows_a) | set(rows_b))
    ]  # fmt: skip
    return report


def _by_code(data: dict[str, Any]) -> dict[str, int]:
    raw = data["summary"].get("by_code") or {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if isinstance(v, int)}
