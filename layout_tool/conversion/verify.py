"""The row-by-row proof of a lossless mapping: each vendor field converted back and compared.

For every field whose restorer is not exact (see ``Step.exact``), the standard values are
converted back (``plan.restore``) and compared with what was read; a row that would not
come back the same gets a ``round-trip`` finding. Two shapes common in fixed-width exports
get the same answers more cheaply.

A field restored through ``trim`` is padded back to its width counting CP932 bytes, which
is a regular expression over every value and a new string. The comparison needs neither:
a field of ``width`` bytes equals ``pad(r)`` exactly when it starts with ``r`` (ends, for
left padding) and the rest is the padding ``pad`` writes for the bytes left over: ``char``
repeated and an ASCII space for an odd last byte (``fits``). When ``r`` is the field's own
trim, the rest is the run ``trim`` removed, and two quick strips tell (``trimmed_fits``).

A field whose ``trim`` is followed by one character map (``zenkaku``, ``katakana``, a
``replace`` of single characters…, see ``char_map_breaker``) is not converted back at all:
the map round-trips exactly where the trimmed value holds none of the map's output
characters (one test), and where it does not, the value comes back different within its
own length, so padding it cannot give the field either. What is left is the padding, as
above (nothing when the ``trim`` is exact).

Both rest on the field value having exactly ``width`` bytes, which every value the reader
decodes has, except one with U+FFFD (bytes that did not decode: the row already has an
``encoding`` error, which makes a ``round-trip`` finding moot and drops it) or with U+0080
(a stray 0x80 byte the careful decoding path lets through). Rows with U+0080 are converted
back the long way, in a function polars does not call for a batch without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from layout_tool.conversion import findings as fnd
from layout_tool.conversion.plan import Outcome, restore
from layout_tool.conversion.stages import Val
from layout_tool.i18n import around
from layout_tool.io.batch import col
from layout_tool.io.fixedwidth import fit
from layout_tool.mapping.model import Restorer, Target
from layout_tool.mapping.transforms.base import Padding, Step

if TYPE_CHECKING:
    from layout_tool.conversion.batch import ForwardBatches

STRAY = "\x80"  # the one character a decoded field may hold that is not its own byte count


def add_round_trip(
    batches: ForwardBatches, values: dict[int, Val], outcomes: dict[int, Outcome]
) -> None:
    """Add a ``round-trip`` check for every field that converting back could change."""
    st, src, target = batches.st, batches.source, batches.target
    by_name = {it.name: values[k] for k, it in enumerate(batches.items)}
    exact = frozenset(n for r in target.restorers if is_exact(target, r) for n in r.fields)
    padded = _padded(target, exact) if src.format == "fixed" else {}
    mapped = {n for n, (j, _) in padded.items() if _char_mapped(target.rules[j].steps)}
    restored, failures = restore(
        st, target, by_name, exact | mapped, frozenset(padded) - frozenset(mapped)
    )
    owner = {n: r.rules[0] for r in target.restorers if r.rules for n in r.fields}
    for i, f in enumerate(src.fields):
        if f.name in exact:
            continue  # converting back cannot change an accepted value
        value = restored.get(f.name)
        inputs = [value] if value is not None else []
        j = owner.get(f.name)
        flags = [x.flag for x in failures if x.rule == j]
        failed = pl.any_horizontal(x.col for x in flags) if flags else pl.lit(False)
        x = pl.col(col(i))
        stray = x.str.contains(STRAY, literal=True)
        if f.name in mapped:
            rule_index, padding = padded[f.name]
            rule = target.rules[rule_index]
            std, cut = by_name[rule.item.name], outcomes[rule_index].trail[0]
            back = std.col
            quick: pl.Expr = pl.lit(False)
            for step in reversed(rule.steps):
                assert step.inverse is not None
                back = step.inverse(back)
                if step.breaker is not None:
                    quick = cut.col.str.contains(step.breaker).fill_null(False)
            if not rule.steps[0].exact:
                quick = quick | ~trimmed_fits(x, cut.col, padding)
            careful = _opaque(~back.eq_missing(x), [col(i), std.name])
            check = pl.when(stray).then(careful).otherwise(quick)
            differs = st.add(check, cut, std, name=f"__m{i}")
            batches.keep += [cut.name, std.name, differs.name]
        elif f.name in padded and value is not None:
            rule_index, padding = padded[f.name]
            first = target.rules[rule_index].steps[0]
            assert first.inverse is not None
            back = first.inverse(value.col)
            careful = _opaque(~back.eq_missing(x), [col(i), value.name])
            check = pl.when(stray).then(careful).otherwise(~fits(x, value.col, padding))
            differs = st.add(check | failed, value, *flags, name=f"__m{i}")
            batches.keep += [value.name, differs.name]
        else:
            expr = pl.lit(None, pl.String) if value is None else value.col
            if src.format == "fixed" and not _trimmed(target, f.name):
                expr = fit(expr, f.length or 0)[0]
            restored_col = st.add(expr, *inputs, name=f"__r{i}")
            back = restored_col.col
            differs = st.add(~back.eq_missing(x) | failed, restored_col, *flags, name=f"__m{i}")
            batches.keep += [restored_col.name, differs.name]
        item = target.rules[j].item.name if j is not None else None
        before, after = around("round-trip", "value", field=f.name)
        message = pl.concat_str(pl.lit(before), fnd.quoted(back), pl.lit(after))
        batches.add(differs.col, item, "round-trip", "error", message, x, 90)


def _opaque(check: pl.Expr, columns: list[str]) -> pl.Expr:
    """``check`` (of ``columns``) as one elementwise function that polars cannot look into.

    In a ``when`` branch, polars skips such a function when no row takes the branch; an
    expression it would take apart instead, lifting its repeated parts (the byte count of
    the padding) out of the branch to compute them for every row.
    """
    return pl.struct(columns).map_batches(
        lambda s: s.struct.unnest().select(check).to_series(),
        return_dtype=pl.Boolean,
        is_elementwise=True,
    )


def trimmed_fits(field: pl.Expr, trimmed: pl.Expr, padding: Padding) -> pl.Expr:
    """:func:`fits` for ``trimmed`` = the ``trim`` of ``field`` itself, by two quick strips.

    ``field`` is ``trimmed`` plus the run of trimmed characters; the run is the padding
    ``pad`` writes exactly when removing an odd-byte space and then ``padding.char`` leaves
    nothing of it (``trimmed`` ends in none of the trimmed characters).
    """
    char = padding.char
    odd = len(char.encode("cp932")) == 2
    if padding.side == "left":
        rest = field.str.strip_prefix(" ") if odd else field
        rest = rest.str.strip_chars_start(char)
    else:
        rest = field.str.strip_suffix(" ") if odd else field
        rest = rest.str.strip_chars_end(char)
    return rest.str.len_bytes() == trimmed.fill_null("").str.len_bytes()


def fits(field: pl.Expr, value: pl.Expr, padding: Padding) -> pl.Expr:
    """Whether ``field`` (of exactly ``padding.width`` bytes) is ``value`` padded back."""
    text = value.fill_null("")
    char = padding.char
    odd = len(char.encode("cp932")) == 2  # an odd byte count ends in an ASCII space
    if padding.side == "left":
        head = field.str.ends_with(text)
        rest = field.str.strip_suffix(text)
        if odd:
            rest = rest.str.strip_prefix(" ")
        rest = rest.str.strip_chars_start(char)
    else:
        head = field.str.starts_with(text)
        rest = field.str.strip_prefix(text)
        if odd:
            rest = rest.str.strip_suffix(" ")
        rest = rest.str.strip_chars_end(char)
    return (head & (rest.str.len_bytes() == 0)).fill_null(False)


def is_exact(target: Target, restorer: Restorer) -> bool:
    """A ``from`` rule whose every step undoes exactly what it accepted (or no steps)."""
    if restorer.kind != "rule":
        return False
    rule = target.rules[restorer.rules[0]]
    return rule.kind == "from" and all(s.exact for s in rule.steps)


def _padded(target: Target, exact: frozenset[str]) -> dict[str, tuple[int, Padding]]:
    """Fields restored by a ``from`` rule whose first step pads back to the field's width."""
    out = {}
    for r in target.restorers:
        if r.kind != "rule" or set(r.fields) <= exact:
            continue
        rule = target.rules[r.rules[0]]
        first = rule.steps[0] if rule.kind == "from" and rule.steps else None
        if first is not None and first.padding is not None and rule.field is not None:
            out[rule.field] = (r.rules[0], first.padding)
    return out


def _char_mapped(steps: tuple[Step, ...]) -> bool:
    """``trim`` alone, or then a character map: a question of characters (see the top)."""
    return len(steps) == 1 or (
        len(steps) == 2 and steps[1].breaker is not None and steps[1].inverse is not None
    )


def _trimmed(target: Target, name: str) -> bool:
    """Restored through ``trim``, whose inverse already pads to the field's width."""
    for r in target.restorers:
        if name in r.fields and r.kind == "rule":
            rule = target.rules[r.rules[0]]
            return rule.kind == "from" and bool(rule.steps) and rule.steps[0].name == "trim"
    return False
