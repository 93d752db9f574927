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
from layout_tool.i18n import Msg, counted, t
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
            keys = ", ".join(target.distinct)
            out.append(
                t("check.unpicked", file=target.file.id, groups=missed, keys=keys, path=path.name)
            )
    return out


def missing_required(mapping: Mapping) -> list[str]:
    out = []
    for target in mapping.targets:
        for item in target.file.items:
            if item.required and target.rule_for(item.name) is None:
                out.append(t("check.no-rule", file=target.file.id, item=item.name))
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
            raise LayoutToolError(Msg("check.which-source", path=path))
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
                    extra = len(missing) - SHOWN
                    more = t("check.and-more", n=extra) if extra > 0 else ""
                    out.append(
                        t("check.no-code", file=target.file.id, item=rule.item.name,
                          values=shown, more=more, path=path.name, field=name)
                    )  # fmt: skip
    return out


def _coverage(mapping: Mapping) -> list[str]:
    lines = []
    for tg in mapping.targets:
        items = tg.file.items
        ruled = [i for i in items if tg.rule_for(i.name) is not None]
        required = [i for i in items if i.required]
        req = [i for i in required if tg.rule_for(i.name) is not None]
        how = []
        if tg.where:
            how.append("where")
        if tg.distinct:
            how.append(t("check.distinct", keys=", ".join(tg.distinct)))
        kind = t("check.how", how="; ".join(how)) if how else ""
        lines.append(
            t("check.target", file=tg.file.id, name=tg.file.name, source=tg.source, how=kind,
                 items=len(items), ruled=len(ruled), required=len(required), req=len(req))
        )  # fmt: skip
    for s in mapping.sources:
        used = {
            f for tg in mapping.targets if tg.source == s.id for r in tg.rules for f in r.fields
        }
        used |= {
            f
            for tg in mapping.targets
            if tg.source == s.id
            for f in (*tg.distinct, *[c.name for c in tg.where if not c.item])
        }
        used |= {
            r.lookup.field for tg in mapping.targets for r in tg.rules
            if r.lookup is not None and r.lookup.source == s.id
        }  # fmt: skip
        unused = [f.name for f in s.fields if f.name not in used and not f.filler]
        n = len(s.fields)
        line = t("check.source", source=s.id, file=s.file, n=n, used=n - len(unused))
        lines.append(line + (t("check.unused", fields=", ".join(unused)) if unused else ""))
    return lines


def render_check(result: CheckResult) -> str:
    m = result.mapping
    kind = t("convert.lossless" if m.lossless else "convert.lossy")
    n = len(result.warnings)
    lines = [
        t("check.title", name=m.name, area=m.area.id, version=m.area.version, kind=kind),
        t("check.mapping", path=m.path),
        t("check.warned", warnings=counted(n, "warning")) if n else t("check.ok"),
    ]
    if result.warnings:
        lines += ["", t("check.warnings")] + [f"  - {w}" for w in result.warnings]
    lines += ["", t("check.coverage")] + [f"  {c}" for c in result.coverage]
    return "\n".join(lines) + "\n"
