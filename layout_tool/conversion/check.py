"""``layout-tool mapping check``: what a mapping will do to an export, before converting.

A mapping loads even when it cannot work: a required standard item without a rule makes
every row a ``required`` finding, and a code map that misses a value the export holds
rejects every row with it. This finds both (the second from a sample of the export's rows)
and sums up coverage: items with rules per target, and the fields of each source that no
rule reads. ``convert`` prints the same warnings before it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from layout_tool.conversion import files
from layout_tool.errors import LayoutToolError
from layout_tool.io.csvsource import col
from layout_tool.mapping.model import Mapping, Rule, Source
from layout_tool.mapping.transforms.base import Step

SAMPLE_ROWS = 5000
SHOWN = 8


@dataclass
class CheckResult:
    mapping: Mapping
    warnings: list[str] = field(default_factory=list)
    coverage: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "mapping": self.mapping.to_dict(),
            "warnings": self.warnings,
            "coverage": self.coverage,
        }


def check_mapping(mapping: Mapping, exports: list[Path] | None = None) -> CheckResult:
    """Warnings about ``mapping`` (with code values from ``exports``) and its coverage."""
    result = CheckResult(mapping)
    result.warnings += warnings(mapping, exports or [])
    result.coverage = _coverage(mapping)
    return result


def warnings(mapping: Mapping, exports: list[Path]) -> list[str]:
    """What ``convert`` prints before converting (and ``mapping check`` lists)."""
    out = missing_required(mapping)
    for path, source in _exports(mapping, exports):
        out += missing_codes(mapping, source, path)
        out += unpicked(mapping, source, path)
    return out


def unpicked(mapping: Mapping, source: Source, path: Path) -> list[str]:
    """``distinct`` groups of the sample without a row that ``pick:`` asks for."""
    from layout_tool.conversion.derive import Counts, derive
    from layout_tool.io.csvsource import Batch

    out = []
    for target in mapping.targets:
        if target.source != source.id or not target.distinct or None in target.pick:
            continue
        frame = sample(source, path)
        grouped = list(derive(iter([Batch(frame, [], frame.height)]), target, source, Counts()))
        missed = sum(f.code == "rule" for b in grouped for f in b.findings)
        if missed:
            out.append(
                f"{target.file.id}: {missed} groups of {', '.join(target.distinct)} in"
                f" {path.name}'s sample have no row that pick: asks for: they will be rejected"
                " (rule); end pick: with `first` to take their first row"
            )
    return out


def missing_required(mapping: Mapping) -> list[str]:
    out = []
    for target in mapping.targets:
        for item in target.file.items:
            if item.required and target.rule_for(item.name) is None:
                out.append(
                    f"{target.file.id}: required item {item.name} has no rule: every row will"
                    " be rejected (required)"
                )
    return out


def _exports(mapping: Mapping, paths: list[Path]) -> list[tuple[Path, Source]]:
    found = []
    for path, explicit in files._files(paths, files.VENDOR_SUFFIXES):
        hits = [s for s in mapping.sources if files.matches(s, path)]
        if not hits and explicit and len(mapping.sources) == 1:
            hits = list(mapping.sources)
        if len(hits) == 1:
            found.append((path, hits[0]))
        elif explicit:
            raise LayoutToolError(f"{path}: cannot tell which source of the mapping it is")
    return found


def sample(source: Source, path: Path, rows: int = SAMPLE_ROWS) -> pl.DataFrame:
    """The first ``rows`` rows of an export (``c0``… per field), as the converter reads them."""
    reader = files.VendorReader(source, path, "auto", 1 << 20)
    frames = []
    got = 0
    for batch in reader.batches():
        frames.append(batch.frame)
        got += batch.frame.height
        if got >= rows:
            break
    if not frames:
        return pl.DataFrame(schema={col(i): pl.String for i in range(len(source.fields))})
    return pl.concat(frames, how="diagonal_relaxed").head(rows)


def _code_steps(rule: Rule) -> list[tuple[str, tuple[Step, ...], Step]]:
    """(field, steps before, the code step) for each code map a rule applies to one field."""
    out = []
    if rule.kind == "from" and rule.field is not None:
        for i, step in enumerate(rule.steps):
            if step.name == "code" and step.fails:
                out.append((rule.field, rule.steps[:i], step))
    if rule.kind == "join":
        for part in rule.parts:
            for i, step in enumerate(part.steps):
                if step.name == "code" and step.fails:
                    out.append((part.field, part.steps[:i], step))
    return out


def missing_codes(mapping: Mapping, source: Source, path: Path) -> list[str]:
    frame = sample(source, path)
    out = []
    for target in mapping.targets:
        if target.source != source.id:
            continue
        for rule in target.rules:
            for name, before, step in _code_steps(rule):
                value = pl.col(col(source.field_names.index(name)))
                for s in before:
                    value = s.forward(value)
                after = step.forward(value)
                missing = (
                    frame.select(value.alias("v"), after.alias("o"))
                    .filter(pl.col("v").is_not_null() & pl.col("o").is_null())
                    .get_column("v")
                    .unique(maintain_order=True)
                    .to_list()
                )
                if missing:
                    shown = ", ".join(repr(v) for v in missing[:SHOWN])
                    more = f" (and {len(missing) - SHOWN} more)" if len(missing) > SHOWN else ""
                    out.append(
                        f"{target.file.id}.{rule.item.name}: the code map has no entry for"
                        f" {shown}{more}, seen in {path.name} (field {name}): rows with them"
                        " will be rejected (code)"
                    )
    return out


def _coverage(mapping: Mapping) -> list[str]:
    lines = []
    for t in mapping.targets:
        items = t.file.items
        ruled = [i for i in items if t.rule_for(i.name) is not None]
        required = [i for i in items if i.required]
        req = [i for i in required if t.rule_for(i.name) is not None]
        how = []
        if t.where:
            how.append("where")
        if t.distinct:
            how.append(f"distinct {', '.join(t.distinct)}")
        kind = f" [{'; '.join(how)}]" if how else ""
        lines.append(
            f"{t.file.id} ({t.file.name}) ← {t.source}{kind}: {len(ruled)} of {len(items)}"
            f" items have a rule; required {len(req)} of {len(required)}"
        )
    for s in mapping.sources:
        used = {f for t in mapping.targets if t.source == s.id for r in t.rules for f in r.fields}
        used |= {
            f
            for t in mapping.targets
            if t.source == s.id
            for f in (*t.distinct, *[c.name for c in t.where if not c.item])
        }
        used |= {
            r.lookup.field for t in mapping.targets for r in t.rules
            if r.lookup is not None and r.lookup.source == s.id
        }  # fmt: skip
        unused = [f.name for f in s.fields if f.name not in used and not f.filler]
        n = len(s.fields)
        line = f"source {s.id} ({s.file}): {n - len(unused)} of {n} fields used"
        lines.append(line + (f"; unused: {', '.join(unused)}" if unused else ""))
    return lines


def render_check(result: CheckResult) -> str:
    m = result.mapping
    lines = [
        f"layout-tool mapping check — {m.name}, area {m.area.id},"
        f" 中間標準レイアウト仕様 v{m.area.version} ({'lossless' if m.lossless else 'lossy'})",
        f"Mapping: {m.path}",
        f"Result: {'OK' if not result.warnings else f'{len(result.warnings)} warnings'}",
    ]
    if result.warnings:
        lines += ["", "Warnings"] + [f"  - {w}" for w in result.warnings]
    lines += ["", "Coverage"] + [f"  {c}" for c in result.coverage]
    return "\n".join(lines) + "\n"
