"""A vendor CSV is read in batches bounded by values (rows × fields), not only by bytes: a
wide file's batch would otherwise hold millions of 16-byte string views (the 101-field
export peaked near 580 MB), while a narrow file keeps the full byte budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_tool.conversion import files
from layout_tool.mapping import load_mapping

ROOT = Path(__file__).resolve().parents[2]
WIDE = ROOT / "sample_data" / "vendors" / "shisaku-data" / "jumin" / "JUMIN_ICHIRAN.csv"


def _write(path: Path, fields: int, rows: int, width: int = 4) -> Path:
    header = ",".join(f"f{i}" for i in range(fields))
    line = ",".join(f"{i % 10}" * width for i in range(fields))
    path.write_bytes(("\n".join([header] + [line] * rows) + "\n").encode())
    return path


def test_wide_file_reads_fewer_bytes_than_narrow(tmp_path: Path) -> None:
    wide = files.vendor_batch_bytes(_write(tmp_path / "w.csv", 101, 3000), 101)
    narrow = files.vendor_batch_bytes(_write(tmp_path / "n.csv", 5, 3000, width=60), 5)
    record = 101 * 5  # 4 characters and a comma a field
    assert wide == pytest.approx(files.CSV_BATCH_VALUES // 101 * record, rel=0.01)
    assert wide < files.CSV_BATCH_BYTES
    assert narrow == files.CSV_BATCH_BYTES


def test_tiny_or_missing_file_keeps_the_default(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_bytes(b"a,b\n")
    assert files.vendor_batch_bytes(one, 2) == files.CSV_BATCH_BYTES
    assert files.vendor_batch_bytes(tmp_path / "none.csv", 2) == files.CSV_BATCH_BYTES


def test_batches_of_the_wide_export_hold_at_most_the_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a small value budget the bundled 101-field export comes in several batches,
    each within the budget (give or take the record the byte cut lands in)."""
    mapping = load_mapping("shisaku-data/jumin")
    source = mapping.source("ichiran")
    n = len(source.fields)
    monkeypatch.setattr(files, "CSV_BATCH_VALUES", 8 * n)
    monkeypatch.setattr(files, "MIN_BATCH_BYTES", 1)
    reader = files.VendorReader(source, WIDE, "auto", None)
    heights = [b.frame.height for b in reader.batches()]
    assert len(heights) > 2
    assert sum(heights) == WIDE.read_bytes().count(b"\n") - 1
    assert max(heights) * n <= 1.5 * files.CSV_BATCH_VALUES


def test_an_input_feeding_several_targets_is_hashed_once_and_reported_for_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from layout_tool.conversion import convert

    mapping = load_mapping("shisaku-data/jumin")
    made = []
    real = hashlib.sha256

    def counted(*args: bytes) -> object:
        made.append(1)
        return real(*args)

    monkeypatch.setattr(hashlib, "sha256", counted)
    report = convert(mapping, [WIDE], tmp_path / "out")
    monkeypatch.undo()
    assert len(report.files) == 3
    expected = real(WIDE.read_bytes()).hexdigest()
    assert [f.sha256 for f in report.files] == [expected] * 3
    assert len(made) == 1  # not once per target
