"""Standard rows back to the vendor's layout (``convert --reverse``), checked and verified.

Each standard row is checked with the validation engine's item checks, its vendor fields are
restored (``plan.restore``), fitted into the vendor's layout (byte widths and CP932 for
fixed-width records, quoting and encoding for CSV), and converted forward again: a row whose
standard values would not come back exactly is rejected (``round-trip``), never written.
"""

from __future__ import annotations

import polars as pl

from layout_tool.conversion import findings as fnd
from layout_tool.conversion.batch import ENGINE, ORIGINAL, Batches, BatchResult, as_read, out, std
from layout_tool.conversion.plan import Outcome, forward, restore
from layout_tool.conversion.stages import Val
from layout_tool.findings import Finding
from layout_tool.i18n import Msg, around
from layout_tool.io import cp932
from layout_tool.io.fixedwidth import fit
from layout_tool.mapping.model import Mapping, Target
from layout_tool.mapping.transforms.base import empty_to_null
from layout_tool.spec.itemtypes import GAIJI


class ReverseBatches(Batches):
    """Standard rows (``__s0``… by item) → vendor rows (by field), checked, verified."""

    def __init__(
        self, mapping: Mapping, target: Target, gaiji_map: bool = False, gaiji_pattern: str = GAIJI
    ) -> None:
        """``gaiji_map``: batches also hold the values as read (``ORIGINAL`` + column) and the
        standard columns hold them with the vendor's 外字; the item checks read the former."""
        super().__init__(mapping, target, gaiji_pattern)
        st, src = self.st, self.source
        values = {k: Val(std(k)) for k in range(len(self.items))}
        read = {k: Val(ORIGINAL + std(k)) for k in values} if gaiji_map else values
        self.present = set(values)
        self.garbled([(read[k].name, it.name) for k, it in enumerate(self.items)])
        self.checks(read, {})
        by_name = {it.name: values[k] for k, it in enumerate(self.items)}
        restored, failures = restore(st, target, by_name)
        by_rule: dict[int, list[int]] = {}
        for n, failure in enumerate(failures):
            by_rule.setdefault(failure.rule, []).append(n)
        for j, ns in by_rule.items():
            rule = target.rules[j]
            label = Msg("conv.standard-value", item=rule.item.name)
            outcome = Outcome(Val(""), [failures[n] for n in ns])
            self.failures(j, outcome, by_name[rule.item.name].col, label)
        written: dict[str, Val] = {}
        for i, field in enumerate(src.fields):
            written[field.name] = self.fit(i, restored.get(field.name))
        outcomes = forward(st, target, written, {}, skip_lookups=True)
        for j, outcome in outcomes.items():
            k = self.items.index(target.rules[j].item)
            again = empty_to_null(outcome.value.col)
            flags = [x.flag for x in outcome.failures]
            failed = pl.any_horizontal(x.col for x in flags) if flags else pl.lit(False)
            differs = st.add(
                ~again.eq_missing(pl.col(std(k))) | failed, outcome.value, *flags, name=f"__m{k}"
            )
            self.keep.append(differs.name)
            before, after = around("conv.back-value", "value")
            message = pl.concat_str(pl.lit(before), fnd.quoted(again), pl.lit(after))
            self.add(
                differs.col, self.items[k].name, "round-trip", "error", message, pl.col(std(k)), 90
            )
        self.seal()

    def fit(self, i: int, value: Val | None) -> Val:
        """The field as it will be written, and why it cannot be (``length``, ``encoding``…)."""
        src, st = self.source, self.st
        f = src.fields[i]
        expr = pl.lit(None, pl.String) if value is None else value.col
        inputs = [value] if value is not None else []
        if src.format == "fixed":
            padded, problem = fit(expr, f.length or 0)
        else:
            padded, problem = expr, pl.lit(None, pl.String)
            if src.encoding == "cp932":
                problem = pl.when(cp932.unencodable(expr)).then(pl.lit("encoding"))
            if src.quoting == "none":
                special = f'[{src.delimiter}"\r\n]'
                problem = pl.coalesce(
                    problem, pl.when(expr.str.contains(special)).then(pl.lit("row-shape"))
                )
        written = st.add(padded, *inputs, name=out(i))
        trouble = st.add(problem, *inputs, name=f"__p{i}")
        self.keep += [written.name, trouble.name]
        said = {
            "length": around("conv.fit-length", "value", field=f.name, bytes=f.length),
            "encoding": around("conv.fit-encoding", "value", field=f.name, encoding=src.encoding),
            "row-shape": around("conv.fit-row-shape", "value", field=f.name),
        }
        before = trouble.col.replace_strict({k: v[0] for k, v in said.items()}, default=None)
        after = trouble.col.replace_strict({k: v[1] for k, v in said.items()}, default=None)
        owner = next(
            (r.rules[0] for r in self.target.restorers if f.name in r.fields and r.rules), None
        )
        item = self.target.rules[owner].item.name if owner is not None else None
        message = pl.concat_str(before, fnd.quoted(expr), after)
        self.add(trouble.col.is_not_null(), item, trouble.col, "error", message, expr, 80)
        return written

    def run(self, frame: pl.DataFrame, reader: list[Finding], records: int) -> BatchResult:
        result = self.st.apply(frame.lazy(), self.keep).collect(engine=ENGINE)
        inputs = [(as_read(frame, std(k)), item.name) for k, item in enumerate(self.items)]
        outputs = [(out(i), f.name) for i, f in enumerate(self.source.fields)]
        return self.finish(result, reader, records, outputs, inputs)
