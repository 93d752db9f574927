"""Batches without a sign get checks without the sign tests; the report must not change.

The CSV reader tells which of ``+`` and ``-`` a batch's bytes lack (``Batch.signs_absent``)
and the engine then builds that batch's checks with the leading-sign tests as constant
false (``checks.signs``). With small batches, some hold a signed value and most do not:
the findings must be those of a run where every batch gets the full checks.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from layout_tool.checks import signs
from layout_tool.report.report import Filter, Report
from layout_tool.sample import generate, write
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, engine, validate_paths

SPEC = load_area("kojin_juminzei")


@pytest.fixture(scope="module")
def signed_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The 課税明細 file with a ``+`` amount, a 13-digit negative amount and a ``-0``."""
    out = tmp_path_factory.mktemp("signs")
    write(generate(SPEC, 300, 3), SPEC, out)
    fspec = SPEC.file("kazei_meisai")
    path = out / f"{fspec.filename}.csv"
    frame = pl.read_csv(path, infer_schema=False)
    number = next(i for i in fspec.items if i.type == "number" and i.length == 12)
    values = frame[number.name].to_list()
    values[40] = "+100"  # a type finding: polars would cast it
    values[170] = "-1234567890123"  # 13 digits: a length finding
    values[250] = "-0"  # valid
    frame = frame.with_columns(pl.Series(number.name, values, dtype=pl.String))
    frame.write_csv(path)
    return path, fspec.id, number.name


def _findings(report: Report) -> list[tuple[object, ...]]:
    return sorted((f.row, f.item, f.code) for f in report.findings if f.row is not None and f.item)


def test_sign_free_batches_report_what_full_checks_report(
    signed_file: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, file_id, item = signed_file
    options = Options(file_id=file_id, filter=Filter(max_findings=None), batch_bytes=4096)
    fast = validate_paths(SPEC, [path], options)
    real = signs.absent
    with monkeypatch.context() as patched:  # every batch built with the sign tests
        patched.setattr(engine, "absent", lambda _signs: real(frozenset()))
        full = validate_paths(SPEC, [path], options)
    assert _findings(fast) == _findings(full)
    got = {(row, code) for row, name, code in _findings(fast) if name == item}
    assert (41, "type") in got
    assert (171, "length") in got
    assert not any(row == 251 for row, _ in got)
