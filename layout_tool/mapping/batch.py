"""Convert one batch of rows, in either direction, and say where every row went.

``ForwardBatches`` turns vendor rows into standard rows: transforms, then the validation
engine's item checks (``checks.items``) on every output value, then, for a lossless
mapping, the inverse of every vendor field (``plan.restore``) compared with what was read.
``ReverseBatches`` runs the same pieces the other way: check the standard row, restore the
vendor fields, fit them into the vendor's layout, and convert them forward again to compare.

A row is rejected when anything of error severity is found on it; warnings (外字 where the
item allows it, code values kept by ``unmapped: keep``) leave it in the output. Column names
are internal (``__s3`` for standard item 3, ``c2`` for vendor field 2) because a vendor's
field may well be called like a standard item.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from layout_tool.checks.items import finding_code, gaiji_present
from layout_tool.io import cp932
from layout_tool.io.csvsource import ROW, col
from layout_tool.io.fixedwidth import fit
from layout_tool.mapping import findings as fnd
from layout_tool.mapping.model import Mapping, Rule, Source, Target
from layout_tool.mapping.plan import Outcome, forward, restore
from layout_tool.mapping.stages import Stages, Val
from layout_tool.mapping.transforms.base import empty_to_null
from layout_tool.report.finding import Finding
from layout_tool.spec.model import Item
from layout_tool.validate.messages import item_message

ITEM_CODES = ("required", "type", "length", "code", "date", "check-digit")
BACK = " (lossless mapping: the row must convert back exactly)"


def std(k: int) -> str:
    return f"__s{k}"


def out(i: int) -> str:
    return f"__n{i}"


@dataclass
class BatchResult:
    accepted: pl.DataFrame  # the output columns, in output order, named for the output
    rejected: pl.DataFrame  # __row, codes, findings, and the input columns
    findings: pl.DataFrame  # long form (see ``findings.SCHEMA``)
    rows_in: int


@dataclass(frozen=True)
class _Spec:
    """One kind of finding: where it holds and what it says (expressions on the batch)."""

    where: pl.Expr
    item: str | None
    code: pl.Expr | str
    severity: str
    message: pl.Expr | str
    value: pl.Expr | None
    order: int


def checked_item(item: Item, rule: Rule | None) -> Item:
    """The item as the engine checks it; ``unmapped: keep`` replaces the code-table check."""
    if rule is None or not rule.relaxes_code_check:
        return item
    return replace(item, type="text" if item.type == "code" else item.type, code=None)


class _Batches:
    """What both directions share: the staged plan, checks, and sorting rows out."""

    def __init__(self, mapping: Mapping, target: Target) -> None:
        self.mapping = mapping
        self.target = target
        self.source: Source = mapping.source(target.source)
        self.items = list(target.file.items)
        self.rule_index = {r.item.name: j for j, r in enumerate(target.rules)}
        self.codes = dict(mapping.area.codes)
        self.st = Stages("__x")
        self.keep: list[str] = [ROW]
        self.specs: list[_Spec] = []

    def seal(self) -> None:
        """Keep every column a finding reads (messages may quote intermediate values)."""
        for s in self.specs:
            for e in (s.where, s.code, s.message, s.value):
                if isinstance(e, pl.Expr):
                    self.keep += e.meta.root_names()
        self.keep = list(dict.fromkeys(self.keep))

    def rule_of(self, k: int) -> Rule | None:
        j = self.rule_index.get(self.items[k].name)
        return None if j is None else self.target.rules[j]

    def add(
        self,
        where: pl.Expr,
        item: str | None,
        code: pl.Expr | str,
        severity: str,
        message: pl.Expr | str,
        value: pl.Expr | None,
        order: int,
    ) -> None:
        self.specs.append(_Spec(where, item, code, severity, message, value, order))

    def checks(self, values: dict[int, Val], failed: dict[int, str]) -> None:
        """Item checks and 外字 flags on standard values; ``failed`` suppresses them."""
        for k, item in enumerate(self.items):
            v = values[k]
            checked = checked_item(item, self.rule_of(k))
            code = self.st.add(finding_code(checked, v.col, self.codes), v, name=f"__v{k}")
            gaiji = self.st.add(gaiji_present(v.col), v, name=f"__g{k}")
            self.keep += [code.name, gaiji.name]
            where = pl.col(code.name).is_not_null()
            if k in failed:
                where = where & pl.col(failed[k]).is_null()
            messages = {c: item_message(c, item) for c in ITEM_CODES}
            message = pl.col(code.name).replace_strict(messages, default=None)
            self.add(where, item.name, pl.col(code.name), "error", message, v.col, 20 + k)
            severity = "warning" if item.gaiji else "error"
            text = item_message("gaiji", item)
            self.add(pl.col(gaiji.name), item.name, "gaiji", severity, text, v.col, 20 + k)

    def failures(self, j: int, outcome: Outcome, shown: pl.Expr, label: str) -> str | None:
        """One column per rule: the index of its first failed step (null: none failed)."""
        if not outcome.failures:
            return None
        first = pl.coalesce(
            pl.when(f.flag.col).then(pl.lit(n, pl.Int64)) for n, f in enumerate(outcome.failures)
        )
        column = self.st.add(first, *[f.flag for f in outcome.failures], name=f"__e{j}").name
        self.keep.append(column)
        e = pl.col(column)
        code: pl.Expr = pl.lit(None, pl.String)
        message: pl.Expr = pl.lit(None, pl.String)
        for n, f in enumerate(outcome.failures):
            text = pl.concat_str(pl.lit(f"{label} "), fnd.quoted(shown), pl.lit(f" {f.text}"))
            code = pl.when(e == n).then(pl.lit(f.code)).otherwise(code)
            message = pl.when(e == n).then(text).otherwise(message)
        self.add(e.is_not_null(), self.target.rules[j].item.name, code, "error", message, shown, 10)
        return column

    def finish(
        self,
        frame: pl.DataFrame,
        reader: list[Finding],
        records: int,
        outputs: list[tuple[str, str]],
        inputs: list[tuple[str, str]],
    ) -> BatchResult:
        """Sort rows into accepted and rejected, with their findings."""
        parts = [fnd.from_findings(reader)]
        for s in self.specs:
            parts.append(
                fnd.piece(
                    frame,
                    s.where,
                    item=s.item,
                    code=s.code,
                    severity=s.severity,
                    message=s.message,
                    value=s.value,
                    order=s.order,
                )
            )
        long = fnd.combine(parts)
        bad = long.filter(pl.col("severity") == "error").get_column(ROW).unique().sort()
        row = pl.col(ROW).cast(pl.Int64)
        accepted = frame.filter(~row.is_in(bad.implode())).select(
            pl.col(c).alias(name) for c, name in outputs
        )
        shown = frame.select(row, *[pl.col(c).alias(name) for c, name in inputs])
        summary = fnd.summarise(long, bad)
        rejected = summary.join(shown, on=ROW, how="left", maintain_order="left").sort(ROW)
        return BatchResult(accepted, rejected, long, records)

    def label(self, rule: Rule) -> str:
        if rule.kind == "join":
            return "fields " + " + ".join(p.field for p in rule.parts)
        if rule.kind == "lookup" and rule.lookup is not None:
            return f"{rule.lookup.source}.{rule.lookup.field}"
        return f"field {rule.field}" if rule.field else "value"

    def field_col(self, name: str) -> str:
        return col(self.source.field_names.index(name))


class ForwardBatches(_Batches):
    """Vendor rows (``c0``… by field) → standard rows (by item), checked, verified."""

    def __init__(self, mapping: Mapping, target: Target) -> None:
        super().__init__(mapping, target)
        st = self.st
        fields = {f.name: Val(col(i)) for i, f in enumerate(self.source.fields)}
        lookups = {
            j: (Val(f"__lk{j}"), Val(f"__lh{j}"))
            for j, r in enumerate(target.rules)
            if r.kind == "lookup"
        }
        outcomes = forward(st, target, fields, lookups)
        values: dict[int, Val] = {}
        failed: dict[int, str] = {}
        for k, item in enumerate(self.items):
            j = self.rule_index.get(item.name)
            if j is None:
                values[k] = st.add(pl.lit(None, pl.String), name=std(k))
                continue
            value = outcomes[j].value
            values[k] = st.add(empty_to_null(value.col), value, name=std(k))
            rule = target.rules[j]
            shown = self.shown(rule, j)
            column = self.failures(j, outcomes[j], shown, self.label(rule))
            if column is not None:
                failed[k] = column
            warn = outcomes[j].warn
            if warn is not None:
                text = f"{item.name}: a vendor code not in the code map, kept as it is"
                self.add(warn.col, item.name, "code", "warning", text, shown, 15)
        self.keep += [std(k) for k in range(len(self.items))]
        self.checks(values, failed)
        if mapping.lossless:
            self.verify(values)
        self.seal()

    def shown(self, rule: Rule, j: int) -> pl.Expr:
        """The vendor value a rule starts from, for messages."""
        if rule.kind == "join":
            parts = [pl.col(self.field_col(p.field)).fill_null("") for p in rule.parts]
            return pl.concat_str(parts, separator=" + ")
        if rule.kind == "lookup":
            return pl.col(f"__lk{j}")
        if rule.field is not None:
            return pl.col(self.field_col(rule.field))
        return pl.lit(rule.const, pl.String)

    def verify(self, values: dict[int, Val]) -> None:
        """Restore every vendor field from the standard values and compare with the input."""
        st, src = self.st, self.source
        by_name = {it.name: values[k] for k, it in enumerate(self.items)}
        restored, failures = restore(st, self.target, by_name)
        owner = {n: r.rules[0] for r in self.target.restorers if r.rules for n in r.fields}
        for i, f in enumerate(src.fields):
            value = restored.get(f.name)
            expr = pl.lit(None, pl.String) if value is None else value.col
            if src.format == "fixed":
                expr = fit(expr, f.length or 0)[0]
            back = st.add(expr, *([value] if value is not None else []), name=f"__r{i}")
            j = owner.get(f.name)
            flags = [x.flag for x in failures if x.rule == j]
            failed = pl.any_horizontal(x.col for x in flags) if flags else pl.lit(False)
            differs = st.add(
                ~back.col.eq_missing(pl.col(col(i))) | failed, back, *flags, name=f"__m{i}"
            )
            self.keep += [back.name, differs.name]
            item = self.target.rules[j].item.name if j is not None else None
            message = pl.concat_str(
                pl.lit(f"field {f.name} would be written back as "),
                fnd.quoted(back.col),
                pl.lit(BACK),
            )
            self.add(differs.col, item, "round-trip", "error", message, pl.col(col(i)), 90)

    def run(
        self,
        frame: pl.DataFrame,
        reader: list[Finding],
        records: int,
        tables: dict[int, pl.DataFrame],
    ) -> BatchResult:
        lf = frame.lazy()
        for j, table in tables.items():
            rule = self.target.rules[j]
            assert rule.lookup is not None
            on = [self.field_col(f) for f in rule.lookup.on]
            keys = [f"__lk{j}k{m}" for m in range(len(on))]
            lf = lf.join(table.lazy(), left_on=on, right_on=keys, how="left", maintain_order="left")
        result = self.st.apply(lf, self.keep).collect()
        inputs = [(col(i), f.name) for i, f in enumerate(self.source.fields)]
        outputs = [(std(k), item.name) for k, item in enumerate(self.items)]
        return self.finish(result, reader, records, outputs, inputs)


class ReverseBatches(_Batches):
    """Standard rows (``__s0``… by item) → vendor rows (by field), checked, verified."""

    def __init__(self, mapping: Mapping, target: Target) -> None:
        super().__init__(mapping, target)
        st, src = self.st, self.source
        values = {k: Val(std(k)) for k in range(len(self.items))}
        self.checks(values, {})
        by_name = {it.name: values[k] for k, it in enumerate(self.items)}
        restored, failures = restore(st, target, by_name)
        by_rule: dict[int, list[int]] = {}
        for n, failure in enumerate(failures):
            by_rule.setdefault(failure.rule, []).append(n)
        for j, ns in by_rule.items():
            rule = target.rules[j]
            label = f"standard value of {rule.item.name}"
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
            message = pl.concat_str(
                pl.lit("would convert back as "), fnd.quoted(again), pl.lit(BACK)
            )
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
        texts = {
            "length": f"does not fit field {f.name} ({f.length} bytes)",
            "encoding": f"has a character {src.encoding} cannot write (field {f.name})",
            "row-shape": f"would break the record (field {f.name}: line break, quote or delimiter)",
        }
        owner = next(
            (r.rules[0] for r in self.target.restorers if f.name in r.fields and r.rules), None
        )
        item = self.target.rules[owner].item.name if owner is not None else None
        message = pl.concat_str(
            fnd.quoted(expr), pl.lit(" "), trouble.col.replace_strict(texts, default=None)
        )
        self.add(trouble.col.is_not_null(), item, trouble.col, "error", message, expr, 80)
        return written

    def run(self, frame: pl.DataFrame, reader: list[Finding], records: int) -> BatchResult:
        result = self.st.apply(frame.lazy(), self.keep).collect()
        inputs = [(std(k), item.name) for k, item in enumerate(self.items)]
        outputs = [(out(i), f.name) for i, f in enumerate(self.source.fields)]
        return self.finish(result, reader, records, outputs, inputs)
