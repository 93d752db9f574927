"""Fuzzed inputs (issue #17): random byte flips, stray quotes, CR/LF, CR-only line ends,
truncation and BOMs in a standard CSV file, given to ``convert --spec`` and ``validate``.

Whatever the bytes: the exit code is one the contract names (a usage error is one line),
there is no traceback and no internal error, and per file rows_in = rows_out +
rows_rejected, with every record the reader could not split kept as read in the rejects
file's ``raw`` column. A small budget keeps it in ``make test``.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.cli.main import main

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("sample")
    try:
        main(["sample", "jumin", "--file", "setai", "--rows", "8", "-o", str(folder)])
    except SystemExit as exc:
        assert exc.code == 0
    return (folder / "JUMIN_SETAI.csv").read_bytes()


EDITS = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.sampled_from(
        [b'"', b"\r", b"\n", b"\r\n", b",", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b'""'])),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("cr-only"), st.just(0), st.just(0)),
    st.tuples(st.just("bom"), st.just(0), st.sampled_from([0, 1])),
)  # fmt: skip


def mutate(data: bytes, edits: list[tuple[str, int, object]]) -> bytes:
    for kind, at, what in edits:
        at = at % (len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ int(what)]) + data[at + 1 :]  # type: ignore[call-overload]
        elif kind == "insert":
            data = data[:at] + what + data[at:]  # type: ignore[operator]
        elif kind == "truncate":
            data = data[: max(at, 1)]
        elif kind == "cr-only":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        elif kind == "bom":
            data = (b"\xef\xbb\xbf" if what == 0 else b"\xef\xbb\xbf\xef\xbb\xbf") + data
    return data


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    got = capsys.readouterr()
    return code, got.out, got.err


def _sane(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    if code == 2:
        assert err.startswith("error: ") and err.strip().count("\n") == 0, err


@SETTINGS
@given(edits=st.lists(EDITS, min_size=1, max_size=4))
def test_fuzzed_conversion_accounts_for_every_record(
    clean: bytes, edits: list[tuple[str, int, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        (work / "in").mkdir()
        (work / "in" / "JUMIN_SETAI.csv").write_bytes(mutate(clean, edits))
        out = work / "out"
        code, text, err = _run(
            ["convert", "--spec", "jumin", "--file", "setai", str(work / "in" / "JUMIN_SETAI.csv"),
             "-o", str(out), "--to", "xml", "--format", "json"], capsys,
        )  # fmt: skip
        _sane(code, text, err)
        if code == 2:
            return
        for row in _rejected_records(text):
            raw = json.loads(row["raw"])
            if "row-shape" in row["codes"]:
                assert isinstance(raw, str), row  # the record's text, as read
            else:
                assert isinstance(raw, list), row
    finally:
        shutil.rmtree(work, ignore_errors=True)


@SETTINGS
@given(edits=st.lists(EDITS, min_size=1, max_size=4))
def test_fuzzed_validation_never_crashes(
    clean: bytes, edits: list[tuple[str, int, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        (work / "JUMIN_SETAI.csv").write_bytes(mutate(clean, edits))
        for fmt in ("json", "text"):
            code, text, err = _run(
                ["validate", "--spec", "jumin", "--file", "setai", str(work / "JUMIN_SETAI.csv"),
                 "--format", fmt], capsys,
            )  # fmt: skip
            _sane(code, text, err)
            if fmt == "text":
                assert "\x1b" not in text
    finally:
        shutil.rmtree(work, ignore_errors=True)


VENDOR = Path(__file__).resolve().parents[2] / "sample_data" / "vendors" / "kaso-systems" / "jumin"


@SETTINGS
@given(edits=st.lists(EDITS, min_size=1, max_size=4))
def test_fuzzed_vendor_export_accounts_for_every_record(
    edits: list[tuple[str, int, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        shutil.copytree(VENDOR, work / "in")
        kojin = work / "in" / "KSJ_JUMIN_KOJIN.csv"
        kojin.write_bytes(mutate(kojin.read_bytes(), edits))
        code, text, err = _run(
            ["convert", "--mapping", "kaso-systems/jumin", str(work / "in"), "-o",
             str(work / "out"), "--format", "json"], capsys,
        )  # fmt: skip
        _sane(code, text, err)
        if code == 2:
            return
        for row in _rejected_records(text):
            raw = json.loads(row["raw"])
            if row["codes"] == "row-shape":
                assert isinstance(raw, str), row
            else:
                assert isinstance(raw, list | str), row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rejected_records(text: str) -> list[dict[str, str]]:
    """Every rejected record of a JSON conversion report, after checking its accounting:
    rows_in = rows_out + rows_rejected per file, and one rejects line per rejected row."""
    records: list[dict[str, str]] = []
    for f in json.loads(text)["files"]:
        assert f["rows_in"] == f["rows_out"] + f["rows_rejected"], f
        if f["rejects"] is None:  # no rejects file when no row was rejected
            assert f["rows_rejected"] == 0, f
            continue
        with Path(f["rejects"]).open(encoding="utf-8-sig", newline="") as fh:
            rejected = list(csv.DictReader(fh))
        assert len(rejected) == f["rows_rejected"]
        records += rejected
    return records
