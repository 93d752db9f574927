"""``layout-tool mapping init``: a draft mapping from exports' headers and sampled values.

Each export's header is read (encoding detected) with a sample of rows; standard items are
matched to fields by name (``match``), and for each match a rule is guessed from the values
(date and time shapes, 不詳フラグ companions, full-width digits, codes narrower than the
code table or written as words, hiragana readings, half-width kana, padding). Every guess
is written with a comment giving its evidence; unmatched standard items (required first)
and unmatched fields are listed as comments. The draft loads as it is (``lossless: false``);
it is a start, to be read and corrected, not a finished mapping.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from layout_tool.dates import SHAPES
from layout_tool.errors import LayoutToolError
from layout_tool.i18n import counted, t, text
from layout_tool.io.batch import ROW
from layout_tool.mapping.match import Match, match_file
from layout_tool.mapping.transforms.clock import convert_time, convert_yearmonth
from layout_tool.readers.csv_reader import CsvReader
from layout_tool.readers.protocol import ReadOptions
from layout_tool.readers.registry import open_reader
from layout_tool.spec.model import AreaSpec, FileSpec, Item

SAMPLE_BYTES = 4 << 20
SAMPLE_ROWS = 2000
DATE_ORDER = ("compact", "iso", "slash", "era-letter", "wareki", "era-digit", "kanji",
              "kanji-no-gannen")  # fmt: skip
YM_ORDER = ("compact", "iso", "slash", "era-letter", "kanji")
TIME_ORDER = ("compact", "colon", "colon-hm", "hhmm")
_FULL_DIGITS = re.compile("[０-９]")
_FULL_ASCII = re.compile("[！-～]")
_HALF_KANA = re.compile("[ｦ-ﾟ]")
_HIRAGANA = re.compile("[ぁ-ゖ]")


@dataclass
class Export:
    path: Path
    encoding: str
    how: str
    fields: list[str]
    rows: list[list[str]]

    def values(self, name: str) -> list[str]:
        i = self.fields.index(name)
        return [r[i] for r in self.rows if i < len(r) and r[i] != ""]

    @property
    def id(self) -> str:
        stem = re.sub(r"[^A-Za-z0-9_-]", "_", self.path.stem).strip("_-").lower()
        return stem if stem[:1].isalpha() else f"s_{stem}" if stem else "export"


def read_export(path: Path) -> Export:
    """The header and a sample of rows of a CSV export (encoding detected)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise LayoutToolError(f"{path}: {exc.strerror or exc}") from None
    if b"\x00" in head:
        raise LayoutToolError(f"{path}: holds NUL bytes: not a CSV export (mapping init reads CSV)")
    options = ReadOptions(label=str(path), batch_bytes=SAMPLE_BYTES, hashed=False)
    reader = open_reader(path, options, "csv")
    assert isinstance(reader, CsvReader)
    fields = reader.header or []
    if not any(fields):
        raise LayoutToolError(f"{path}: no header line (mapping init reads CSV exports)")
    rows: list[list[str]] = []
    for section in reader.sections():
        for batch in section.batches:  # batches of SAMPLE_BYTES of whole records
            values = batch.frame.sort(ROW).drop(ROW).head(SAMPLE_ROWS - len(rows))
            rows += [[v or "" for v in r] for r in values.iter_rows()]
            if len(rows) >= SAMPLE_ROWS:
                break
        break
    return Export(path, reader.source.encoding, reader.source.detected.how, fields, rows)


@dataclass
class Guess:
    rule: str  # the YAML of the rule (flow style)
    evidence: str
    codes: dict[str, dict[str, str]] = field(default_factory=dict)


def q(text: str) -> str:
    """A YAML scalar: plain where safe, else JSON-quoted (JSON strings are YAML)."""
    if re.fullmatch(r"[^\s:{}\[\],#&*!|>'\"%@`\-?0-9][^:{}\[\],#]*", text) and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _like(values: list[str]) -> str:
    seen = list(dict.fromkeys(values))[:3]
    return t("draft.like", n=len(values), values=", ".join(chr(39) + v + chr(39) for v in seen))


def _fits_date(values: list[str], shape: str) -> bool:
    try:
        for v in values:
            SHAPES[shape].parse_text(v)
    except ValueError:
        return False
    return True


def _flag_field(export: Export, name: str) -> str | None:
    for f in export.fields:
        if f != name and f.startswith(name) and "不詳" in f[len(name) :]:
            return f
    return None


def guess(export: Export, name: str, item: Item, area: AreaSpec) -> Guess:
    """The rule for ``item`` from field ``name``, with the evidence for it."""
    values = export.values(name)
    if not values:
        return Guess(q(name), t("draft.no-values"))
    steps: list[str] = []
    notes: list[str] = []
    codes: dict[str, dict[str, str]] = {}
    stripped = [v.strip(" 　") for v in values]
    if stripped != values:
        widths = {len(v) for v in values}
        side = "left" if any(v.startswith(" ") for v in values) else "right"
        width = f", width: {widths.pop()}" if len(widths) == 1 else ""
        steps.append(f"{{trim: {{side: {side}{width}}}}}")
        notes.append(t("draft.padded", like=_like(values)))
        values = [v for v in stripped if v]
    kind = item.type
    if kind in ("date", "wareki"):
        own = "wareki" if kind == "wareki" else "compact"
        shape = next((s for s in DATE_ORDER if _fits_date(values, s)), None)
        flag = _flag_field(export, name)
        if shape is None:
            notes.append(t("draft.date-unknown-shape", like=_like(values)))
        elif flag is not None:
            flags = sorted(set(export.values(flag)))
            unknown = '{"1": day, "2": month-day}'
            steps.append(
                f"{{date: {{from: {shape}, unknown_flag: {q(flag)}, unknown: {unknown}}}}}"
            )
            notes.append(
                t("draft.date-flagged", shape=shape, like=_like(values), flag=flag, flags=flags)
            )
        elif shape != own:
            steps.append(f"{{date: {shape}}}" if kind == "wareki" or shape in DATE_ORDER else "")
            notes.append(t("draft.dates", shape=shape, like=_like(values)))
        else:
            notes.append(t("draft.standard-shape", like=_like(values)))
    elif kind == "yearmonth":
        shape = next(
            (s for s in YM_ORDER if all(convert_yearmonth(v, s, "compact", True) for v in values)),
            None,
        )
        if shape not in (None, "compact"):
            steps.append(f"{{yearmonth: {shape}}}")
        notes.append(t("draft.yearmonths", shape=shape or t("draft.unknown"), like=_like(values)))
    elif kind == "time":
        shape = next(
            (s for s in TIME_ORDER if all(convert_time(v, s, "compact") for v in values)), None
        )
        if shape not in (None, "compact"):
            steps.append(f"{{time: {shape}}}")
        notes.append(t("draft.times", shape=shape or t("draft.unknown"), like=_like(values)))
    elif kind == "code" and item.code is not None and item.code in area.codes:
        table = dict(area.codes[item.code].values)
        _code_guess(item, values, table, steps, notes, codes)
    elif kind in ("digits", "number", "hankaku"):
        if any(_FULL_DIGITS.search(v) or _FULL_ASCII.search(v) for v in values):
            steps.append("hankaku")
            notes.append(t("draft.full-width", like=_like(values)))
            values = [v.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}) for v in values]
        if kind == "digits" and item.fixed and any(len(v) < item.length for v in values):
            steps.append(f"{{zfill: {item.length}}}")
            low, high = min(map(len, values)), max(map(len, values))
            notes.append(t("draft.digits", low=low, high=high, length=item.length))
    elif kind in ("kana", "zenkaku"):
        if any(_HALF_KANA.search(v) for v in values):
            steps.append("zenkaku")
            notes.append(t("draft.half-kana", like=_like(values)))
        if kind == "kana" and any(_HIRAGANA.search(v) for v in values):
            steps.append("katakana")
            notes.append(t("draft.hiragana", like=_like(values)))
    if not steps:
        said = t("draft.sep").join(notes) or t("draft.as-is", like=_like(values))
        return Guess(q(name), said, codes)
    rule = f"{{from: {q(name)}, transforms: [{', '.join(s for s in steps if s)}]}}"
    return Guess(rule, t("draft.sep").join(notes), codes)


def _code_guess(
    item: Item,
    values: list[str],
    table: dict[str, str],
    steps: list[str],
    notes: list[str],
    codes: dict[str, dict[str, str]],
) -> None:
    distinct = sorted(set(values))
    if all(v in table for v in distinct):
        notes.append(t("draft.codes", table=item.code, values=", ".join(distinct[:6])))
        return
    if all(v.isdigit() and v.zfill(item.length) in table for v in distinct):
        steps.append(f"{{zfill: {item.length}}}")
        notes.append(t("draft.codes-narrow", table=item.code, values=", ".join(distinct[:6])))
        return
    labels = {label: code for code, label in table.items()}
    found = {v: labels[v] for v in distinct if v in labels}
    if found:
        codes[item.name] = found
        steps.append(f"{{code: {q(item.name)}}}")
        missing = [v for v in distinct if v not in labels]
        more = t("draft.labels-missing", values=", ".join(missing)) if missing else ""
        notes.append(t("draft.labels", table=item.code) + more)
        return
    notes.append(t("draft.not-codes", table=item.code, values=", ".join(distinct[:6])))


@dataclass
class Planned:
    file: FileSpec
    export: Export
    matches: dict[str, Match]

    @property
    def matched(self) -> int:
        return sum(1 for m in self.matches.values() if m.field)


def plan_targets(area: AreaSpec, exports: list[Export]) -> list[Planned]:
    """For each standard file, the export whose fields match most of its items (if enough)."""
    out = []
    for file in area.files:
        best = max(
            (Planned(file, e, match_file(file, e.fields)) for e in exports),
            key=lambda p: p.matched,
            default=None,
        )
        if best is not None and best.matched >= max(3, len(file.items) * 15 // 100):
            out.append(best)
    return out


def draft(area: AreaSpec, paths: list[Path]) -> str:
    """The draft mapping's YAML text."""
    exports = [read_export(p) for p in paths]
    planned = plan_targets(area, exports)
    codes: dict[str, dict[str, str]] = {}
    target_lines: list[str] = []
    used: dict[Path, set[str]] = {e.path: set() for e in exports}
    for p in planned:
        target_lines += _target(area, p, codes, used[p.export.path])
    lines = [
        "# yaml-language-server: $schema=https://layout-tool.invalid/schema/mapping.schema.json",
        t("draft.head-1"),
        t("draft.head-2"),
        t("draft.head-3"),
        "mapping: 1",
        f"name: {q(t('draft.name', files=', '.join(e.path.name for e in exports)))}",
        f"area: {area.id}",
        f'version: "{area.version}"',
        f"lossless: false  # {t('draft.lossless')}",
    ]
    if codes:
        lines += ["", "codes:"]
        for name, table in codes.items():
            pairs = ", ".join(
                f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in table.items()
            )
            lines += [f"  {q(name)}:", f"    map: {{{pairs}}}"]
    lines += ["", "sources:"]
    for e in exports:
        lines += [
            f"  - id: {e.id}",
            f"    file: {q(e.path.name)}",
            "    format: csv",
            "    encoding: auto  # "
            + t(
                "draft.detected",
                encoding=e.encoding,
                how=t(f"detect.{e.how}"),
                rows=counted(len(e.rows), "row"),
            ),
            f"    fields: [{', '.join(q(f) for f in e.fields)}]",
        ]
        left = [f for f in e.fields if f not in used[e.path]]
        if left:
            lines.append(f"    # {t('draft.unread', fields=', '.join(left))}")
    lines += ["", "targets:", *target_lines]
    if not planned:
        lines.append(f"  []  # {t('draft.no-target')}")
    return "\n".join(lines) + "\n"


def _target(
    area: AreaSpec, p: Planned, codes: dict[str, dict[str, str]], used: set[str]
) -> list[str]:
    e = p.export
    lines = [
        f"  - file: {p.file.id}  # "
        + t("draft.target", name=p.file.name, matched=p.matched, items=len(p.file.items)),
        f"    source: {e.id}",
    ]
    keys = [p.matches[k].field for k in p.file.key if k in p.matches]
    if len(p.file.key) == 1 and keys and keys[0] is not None:
        column = e.values(keys[0])
        if len(set(column)) < len(column):
            lines += [
                f"    distinct: [{q(keys[0])}]  # {t('draft.distinct', field=keys[0])}",
                f"    # pick: [{{where: {{…}}}}, first]  # {t('draft.pick')}",
            ]
    elif any(k is None for k in keys) or len(keys) < len(p.file.key):
        missing = [k for k in p.file.key if not p.matches.get(k) or not p.matches[k].field]
        lines.append(f"    # {t('draft.no-key', items=', '.join(missing))}")
    lines.append("    items:")
    made: set[str] = set()
    for item in p.file.items:
        m = p.matches[item.name]
        if m.field is not None:
            g = guess(e, m.field, item, area)
            why = (
                t("draft.name-why", why=m.why)
                if m.score == 100
                else t("draft.name-why-score", why=m.why, score=m.score)
            )
            used.add(m.field)
        else:
            found = _composed(area, e, p, item)
            if found is None:
                continue
            g, why = found
        for name, table in g.codes.items():
            codes.setdefault(name, table)
        made.add(item.name)
        lines.append(f"      {q(item.name)}: {g.rule}  # {why}; {g.evidence}")
    unmatched = [i for i in p.file.items if i.name not in made]
    unmatched.sort(key=lambda i: not i.required)
    if unmatched:
        lines.append(f"    # {t('draft.unmatched')}")
        for i in unmatched:
            note = p.matches[i.name].note
            flag = t("draft.required") if i.required else ""
            lines.append(f"    #   {i.name}{flag}{f' ({text(note)})' if note else ''}")
    return lines


JOINED = {"氏名": ("氏", "名"), "氏名フリガナ": ("氏フリガナ", "名フリガナ"),
          "旧氏名": ("旧氏", "旧名")}  # fmt: skip
"""Items the standard writes as two others joined by a full-width space."""


def _composed(area: AreaSpec, e: Export, p: Planned, item: Item) -> tuple[Guess, str] | None:
    """A rule for an item no field is named like: a join of its parts' fields (氏名 from
    氏 and 名), or the field of the item it qualifies (生年月日（西暦） from 生年月日's)."""
    parts = JOINED.get(item.name)
    if parts is not None and all(p.matches.get(n) and p.matches[n].field for n in parts):
        fields = [p.matches[n].field or "" for n in parts]
        guesses = [guess(e, f, p.file.item(n), area) for f, n in zip(fields, parts, strict=True)]
        each = ", each: [katakana]" if any("katakana" in g.rule for g in guesses) else ""
        rule = f"{{join: [{', '.join(q(f) for f in fields)}]{each}}}"
        why = t("draft.joined", parts=" + ".join(parts))
        return Guess(rule, t("draft.joined-fields", fields=", ".join(fields))), why
    base = item.name.split("（")[0]
    if base != item.name and p.matches.get(base) and p.matches[base].field:
        field = p.matches[base].field or ""
        return guess(e, field, item, area), t("draft.field-of", item=base)
    return None
