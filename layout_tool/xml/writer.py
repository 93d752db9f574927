"""Write the XML form, streaming: each batch becomes text in polars, never a tree.

One record per line, every item in spec order, UTF-8::

    <レコード><市区町村コード>131016</市区町村コード><方書/>…</レコード>

A missing value (null or empty) is an empty element, like an empty CSV field: the layout
stays fixed, and the schema accepts it for optional items and rejects it for required ones,
as it should. (The reader also accepts documents that leave optional items out.) ``&``, ``<``,
``>`` and CR are escaped (CR as ``&#13;``, which XML would otherwise turn into LF). Values
holding characters that XML 1.0 cannot carry at all (controls other than TAB, LF, CR;
U+FFFE, U+FFFF) are not written: ``write`` returns those rows for the rejects file.

``write_xml`` writes a whole file atomically and reads it back before renaming it into
place: well-formed, the structure of its XSD, and the same rows (a checksum of every value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import polars as pl

from layout_tool.io.atomic import atomic_path
from layout_tool.io.batch import ROW, col
from layout_tool.safety.limits import limit
from layout_tool.spec.model import AreaSpec, FileSpec
from layout_tool.xml.xsd import RECORD, ROOT, item_element_names, namespace

UNWRITABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_SPECIAL = "[&<>\r]"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


class XmlWriter:
    """Stream one file's records into ``fh``; ``close`` ends the document."""

    def __init__(self, fh: BinaryIO, spec: AreaSpec, fspec: FileSpec) -> None:
        self.fh = fh
        self.fspec = fspec
        self.names = item_element_names(fspec)
        self.rows = 0
        self.checksum = Checksum()
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<{ROOT} xmlns={quoteattr(namespace(spec))} area={quoteattr(spec.id)}"
            f" version={quoteattr(spec.version)}>\n<{fspec.id}>\n"
        )
        fh.write(head.encode())

    def write(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Write rows (columns named by item, String; others ignored); return the rows that
        XML cannot carry, with their columns as given."""
        items = normalise(self.fspec, frame)
        longest = limit("MAX_XML_VALUE_BYTES")  # what an XML reader reads back as one text
        bad = pl.any_horizontal(
            (
                pl.col(col(i)).str.contains(UNWRITABLE) | (pl.col(col(i)).str.len_bytes() > longest)
            ).fill_null(False)
            for i in range(len(self.fspec.items))
        )
        flags = items.select(bad.alias("bad")).to_series()
        rejected = frame.filter(flags) if flags.any() else frame.clear()
        good = items.filter(~flags) if flags.any() else items
        if good.height:
            specials = good.select(
                pl.col(c).str.contains(_SPECIAL).any() for c in good.columns
            ).row(0)
            parts = [pl.lit(f"<{RECORD}>")]
            for i, (item, special) in enumerate(zip(self.fspec.items, specials, strict=True)):
                value = pl.col(col(i))
                if special:
                    for raw, escaped in _ESCAPES:
                        value = value.str.replace_all(raw, escaped, literal=True)
                name = self.names[item.name]
                element = pl.concat_str(pl.lit(f"<{name}>"), value, pl.lit(f"</{name}>"))
                parts.append(element.fill_null(f"<{name}/>"))
            parts.append(pl.lit(f"</{RECORD}>"))
            record = pl.concat_str(parts, ignore_nulls=True)
            good.select(record).write_csv(
                self.fh, include_header=False, quote_style="never", line_terminator="\n"
            )
            self.checksum.update(good)
            self.rows += good.height
        return rejected

    def close(self) -> None:
        self.fh.write(f"</{self.fspec.id}>\n</{ROOT}>\n".encode())


def normalise(fspec: FileSpec, frame: pl.DataFrame) -> pl.DataFrame:
    """The file's items as ``c<k>`` String columns in spec order, empty strings as null."""
    exprs = []
    for i, item in enumerate(fspec.items):
        if item.name in frame.columns:
            value = pl.col(item.name).cast(pl.String)
            exprs.append(pl.when(value.str.len_bytes() > 0).then(value).alias(col(i)))
        else:
            exprs.append(pl.lit(None, pl.String).alias(col(i)))
    return frame.select(exprs)


@dataclass
class Checksum:
    """Rows and an order-sensitive hash of every value: what went in equals what came out."""

    rows: int = 0
    total: int = 0

    def update(self, frame: pl.DataFrame) -> None:
        """``frame``: ``c<k>`` String columns (other columns, such as __row, are ignored)."""
        values = frame.select(c for c in frame.columns if c != ROW)
        hashed = values.with_row_index("__i", offset=self.rows).hash_rows(seed=7)
        self.total = (self.total + int((hashed // (1 << 24)).sum())) % (1 << 62)
        self.rows += frame.height


@dataclass
class Written:
    path: Path
    rows: int = 0
    rejected: list[pl.DataFrame] = field(default_factory=list)


def write_xml(
    spec: AreaSpec, fspec: FileSpec, frames: Iterable[pl.DataFrame], out: Path
) -> Written:
    """Write ``frames`` (item-named columns) as ``out``, atomically and re-read (see module)."""
    result = Written(out)
    with atomic_path(out) as tmp:
        with tmp.open("wb") as fh:
            writer = XmlWriter(fh, spec, fspec)
            for frame in frames:
                rejected = writer.write(frame)
                if rejected.height:
                    result.rejected.append(rejected)
            writer.close()
        recheck(spec, fspec, tmp, writer.checksum)
        result.rows = writer.rows
    return result


def recheck(spec: AreaSpec, fspec: FileSpec, path: Path, expected: Checksum) -> None:
    """Read a written document back; any difference is a bug in the writer, not bad data."""
    from layout_tool.xml.reader import XmlSource

    source = XmlSource(spec, path, file_id=fspec.id)
    got = Checksum()
    for section in source.sections():
        for batch in section.batches:
            if batch.findings:
                raise RuntimeError(f"{path}: written XML has problems: {batch.findings[0]}")
            got.update(batch.frame)
    problems = [f for f in source.findings if f.severity == "error"]
    if problems or source.stopped:
        what = problems[0].message if problems else "reading stopped"
        raise RuntimeError(f"{path}: written XML does not read back: {what}")
    if (got.rows, got.total) != (expected.rows, expected.total):
        raise RuntimeError(
            f"{path}: written XML reads back differently ({got.rows} rows, {expected.rows} written)"
        )
