"""Convert one batch of rows, in either direction, and say where every row went.

``ForwardBatches`` turns vendor rows into standard rows: transforms, then the validation
engine's item checks (``checks.items``) on every output value, then, for a lossless
mapping, the inverse of every vendor field (``plan.restore``) compared with what was read.
``reverse.ReverseBatches`` runs the same pieces the other way.

A row is rejected when anything of error severity is found on it; warnings (外字 where the
item allows it, code values kept by ``unmapped: keep``) leave it in the output. Column names
are internal (``__s3`` for standard item 3, ``c2`` for vendor field 2) because a vendor's
field may well be called like a standard item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

import polars as pl

from layout_tool.checks.items import (
    GAIJI,
    char_screen,
    finding_code,
    gaiji_fails_checks,
    gaiji_present,
)
from layout_tool.conversion import findings as fnd
from layout_tool.conversion.plan import Outcome, forward
from layout_tool.conversion.stages import Stages, Val
from layout_tool.conversion.verify import add_round_trip
from layout_tool.conversion.xmlio import XML_ONLY_BAD
from layout_tool.findings import Finding
from layout_tool.i18n import Msg, around, t
from layout_tool.io.csvsource import ROW, col
from layout_tool.mapping.model import Mapping, Rule, Source, Target
from layout_tool.mapping.transforms.base import empty_to_null
from layout_tool.spec.model import Item
from layout_tool.validate.messages import item_message

ITEM_CODES = ("required", "type", "length", "code", "date", "check-digit")
ENGINE: Final = "in-memory"  # many small stages over one batch: faster than streaming


ORIGINAL: Final = "__o"  # prefix of an input column as read, when a 外字 table changed it


def as_read(frame: pl.DataFrame, column: str) -> str:
    """The column holding ``column``'s values as read (before a 外字 table was applied)."""
    return ORIGINAL + column if ORIGINAL + column in frame.columns else column


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
    garbled: bool = False  # only looked for when the reader met undecodable bytes
    deferred: bool = False  # only looked for on rows that have another finding (see below)


def checked_item(item: Item, rule: Rule | None) -> Item:
    """The item as the engine checks it; ``unmapped: keep`` replaces the code-table check."""
    if rule is None or not rule.relaxes_code_check:
        return item
    return replace(item, type="text" if item.type == "code" else item.type, code=None)


PLAIN_STEPS = frozenset({"code", "era-code", "date", "number"})


def _plain(rule: Rule | None) -> bool:
    """Values that cannot hold a 外字: a constant, or the output of a code map, date or number.

    (A code map that keeps unmapped values passes vendor text on, so it does not count.)
    """
    if rule is None or rule.kind == "const":
        return rule is not None and not any(0xE000 <= ord(c) <= 0xF8FF for c in rule.const or "")
    last = rule.steps[-1] if rule.steps and rule.kind in ("from", "lookup") else None
    return last is not None and last.name in PLAIN_STEPS and not last.relaxes_code_check


class Batches:
    """What both directions share: the staged plan, checks, and sorting rows out."""

    def __init__(self, mapping: Mapping, target: Target, gaiji_pattern: str = GAIJI) -> None:
        """``gaiji_pattern``: what a 外字 is (a charset's vendor class: GJ characters are not)."""
        self.gaiji_pattern = gaiji_pattern
        self.mapping = mapping
        self.target = target
        self.source: Source = mapping.source(target.source)
        self.items = list(target.file.items)
        self.rule_index = {r.item.name: j for j, r in enumerate(target.rules)}
        self.codes = dict(mapping.area.codes)
        self.st = Stages("__x")
        self.keep: list[str] = [ROW]
        self.specs: list[_Spec] = []
        self.present: set[int] = set()  # items read from the input (reverse: all of them)
        # --select/--ignore and a profile's severities (profile.triage.Triage), set by convert
        self.triage: Callable[[pl.DataFrame], pl.DataFrame] | None = None

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
            if self.rule_of(k) is None and not item.required and k not in self.present:
                continue  # always empty: nothing to check
            checked = checked_item(item, self.rule_of(k))
            # zenkaku, kana, text: one regex finds the values that may fail the type or 外字
            # check, and only those are looked at again (checks.items.char_screen)
            screen_expr = char_screen(checked, v.col)
            screen = None if screen_expr is None else self.st.add(screen_expr, v, name=f"__c{k}")
            chars = None if screen is None else screen.col
            inputs = (v,) if screen is None else (v, screen)
            code = self.st.add(
                finding_code(checked, v.col, self.codes, chars), *inputs, name=f"__v{k}"
            )
            self.keep.append(code.name)
            where = pl.col(code.name).is_not_null()
            if k in failed:
                where = where & pl.col(failed[k]).is_null()
            messages = {c: item_message(c, item).render() for c in ITEM_CODES}
            message = pl.col(code.name).replace_strict(messages, default=None)
            self.add(where, item.name, pl.col(code.name), "error", message, v.col, 20 + k)
            if not _plain(self.rule_of(k)):
                severity = "warning" if item.gaiji else "error"
                text = item_message("gaiji", item).render()
                if gaiji_fails_checks(checked, self.codes):
                    where = gaiji_present(v.col, self.gaiji_pattern)
                    spec = _Spec(where, item.name, "gaiji", severity, text, v.col, 20 + k)
                    self.specs.append(replace(spec, deferred=True))
                    continue
                flag = gaiji_present(v.col if chars is None else chars, self.gaiji_pattern)
                gaiji = self.st.add(flag, *inputs, name=f"__g{k}")
                self.keep.append(gaiji.name)
                self.add(pl.col(gaiji.name), item.name, "gaiji", severity, text, v.col, 20 + k)

    def garbled(self, columns: list[tuple[str, str]]) -> None:
        """U+FFFD in an input value: bytes that did not decode (wherever the reader put it)."""
        for column, name in columns:
            where = pl.col(column).str.contains("\ufffd", literal=True)
            text = t("encoding.garbled", item=name)
            self.specs.append(
                _Spec(where, name, "encoding", "error", text, pl.col(column), 5, True)
            )

    def failures(self, j: int, outcome: Outcome, shown: pl.Expr, label: Msg) -> str | None:
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
            before, after = around("conv.failed", "value", label=label, failure=f.text)
            said = pl.concat_str(pl.lit(before), fnd.quoted(shown), pl.lit(after))
            code = pl.when(e == n).then(pl.lit(f.code)).otherwise(code)
            message = pl.when(e == n).then(said).otherwise(message)
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
        undecodable = any(f.code == "encoding" for f in reader)
        specs = [s for s in self.specs if undecodable or not s.garbled]
        if any(not s.deferred for s in specs):
            wheres = [s.where.fill_null(False) for s in specs]
            first = [w for w, s in zip(wheres, specs, strict=True) if not s.deferred]
            hot = frame.lazy().filter(pl.any_horizontal(first)).collect(engine=ENGINE)
            if hot.height:
                names = [f"__f{n}" for n in range(len(wheres))]
                flags = hot.select(w.alias(n) for w, n in zip(wheres, names, strict=True))
                seen = flags.select(pl.col(n).any() for n in names).row(0)
                hot = pl.concat([hot, flags], how="horizontal")
                found = [
                    fnd.piece(hot.lazy(), pl.col(names[n]), item=s.item, code=s.code,
                              severity=s.severity, message=s.message, value=s.value, order=s.order)
                    for n, s in enumerate(specs)
                    if seen[n]
                ]  # fmt: skip
                parts.append(pl.concat(found).collect(engine=ENGINE))
        long = fnd.consequences_dropped(fnd.combine(parts))
        if self.triage is not None:
            long = self.triage(long)
        errors = long.filter((pl.col("severity") == "error") & (pl.col(ROW) > 0))
        bad = errors.get_column(ROW).unique().sort()
        row = pl.col(ROW).cast(pl.Int64)
        rejects = row.is_in(bad.implode())
        kept = frame.filter(~rejects) if bad.len() else frame  # most batches: every row
        accepted = kept.select(pl.col(c).alias(name) for c, name in outputs)
        shown = frame.filter(rejects).select(row, *[pl.col(c).alias(name) for c, name in inputs])
        summary = fnd.summarise(long, bad)
        rejected = summary.join(shown, on=ROW, how="left", maintain_order="left").sort(ROW)
        return BatchResult(accepted, rejected, long, records)

    def label(self, rule: Rule) -> Msg:
        """What the value shown in a failed transform's message is (its subject)."""
        if rule.kind == "join":
            return Msg("conv.fields", fields=" + ".join(p.field for p in rule.parts))
        if rule.kind == "lookup" and rule.lookup is not None:
            return Msg("conv.key", fields=" + ".join(rule.lookup.on))
        return Msg("conv.field", field=rule.field) if rule.field else Msg("conv.value")

    def field_col(self, name: str) -> str:
        return col(self.source.field_names.index(name))


class ForwardBatches(Batches):
    """Vendor rows (``c0``… by field) → standard rows (by item), checked, verified."""

    def __init__(
        self, mapping: Mapping, target: Target, xml: bool = False, gaiji_pattern: str = GAIJI
    ) -> None:
        """``xml``: the output is the XML form, so values it cannot carry are refused too."""
        super().__init__(mapping, target, gaiji_pattern)
        st = self.st
        fields = {f.name: Val(col(i)) for i, f in enumerate(self.source.fields)}
        lookups = {
            j: (Val(f"__lk{j}"), Val(f"__lh{j}"))
            for j, r in enumerate(target.rules)
            if r.kind == "lookup"
        }
        self.garbled([(col(i), f.name) for i, f in enumerate(self.source.fields)])
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
                kept = t("conv.code-kept", item=item.name)
                self.add(warn.col, item.name, "code", "warning", kept, shown, 15)
        self.keep += [std(k) for k in range(len(self.items))]
        self.checks(values, failed)
        if xml:
            for k, item in enumerate(self.items):
                bad = values[k].col.str.contains(XML_ONLY_BAD).fill_null(False)
                said = t("conv.xml-nonchar", item=item.name)
                self.add(bad, item.name, "type", "error", said, values[k].col, 20 + k)
        if mapping.lossless and target.primary:  # derived targets rebuild nothing
            add_round_trip(self, values, outcomes)
        self.seal()

    def shown(self, rule: Rule, j: int) -> pl.Expr:
        """The vendor value a rule starts from, for messages."""
        if rule.kind == "join":
            parts = [pl.col(self.field_col(p.field)).fill_null("") for p in rule.parts]
            return pl.concat_str(parts, separator=" + ")
        if rule.kind == "lookup" and rule.lookup is not None:
            keys = [pl.col(self.field_col(f)).fill_null("") for f in rule.lookup.on]
            return pl.concat_str(keys, separator=" + ")
        if rule.field is not None:
            return pl.col(self.field_col(rule.field))
        return pl.lit(rule.const, pl.String)

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
            on: list[pl.Expr] = []
            for f in rule.lookup.on:  # the row's key, as the lookup's on_transforms make it
                key = pl.col(self.field_col(f))
                for step in rule.lookup.on_steps:
                    key = step.forward(key)
                on.append(key)
            keys = [f"__lk{j}k{m}" for m in range(len(on))]
            lf = lf.join(table.lazy(), left_on=on, right_on=keys, how="left", maintain_order="left")
        result = self.st.apply(lf, self.keep).collect(engine=ENGINE)
        inputs = [(as_read(frame, col(i)), f.name) for i, f in enumerate(self.source.fields)]
        outputs = [(std(k), item.name) for k, item in enumerate(self.items)]
        return self.finish(result, reader, records, outputs, inputs)
