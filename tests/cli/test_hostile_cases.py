"""The hostile corpus (tests/cases/hostile, made by scripts/make_hostile_cases.py).

Every case runs in a copy of its folder. For every run: the exit code, no traceback, a
one-line error when it fails. For every case: nothing written outside its ``out*`` folders,
its inputs unchanged (SHA-256), no ``.part`` file left, plus the scans it asks for
(masking, cell safety, inert text, raw records kept, report sizes, stale parts swept).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import time
from pathlib import Path

import pytest

from layout_tool.cli.main import main
from layout_tool.safety.cells import TRIGGERS, WIDE_TRIGGERS
from layout_tool.safety.text import BIDI

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

CASES = Path(__file__).resolve().parents[1] / "cases" / "hostile"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.json").is_file())


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` (outputs excluded) with its SHA-256."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.split("/")[1].startswith("out"):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    else:  # pragma: no cover - main always exits
        code = 0
    got = capsys.readouterr()
    return code, got.out, got.err


def outputs(case: Path) -> list[Path]:
    return [
        p
        for d in case.iterdir()
        if d.is_dir() and d.name.startswith("out")
        for p in d.rglob("*")
        if p.is_file()
    ]


def data_file(case: Path, path: Path) -> bool:
    """Converted data (the outputs' top level): it holds the input's values by design."""
    rel = path.relative_to(case).parts
    return len(rel) == 2 and path.suffix.lower() in (".csv", ".xml", ".dat") and rel[0] != "out-v"


@pytest.mark.parametrize("name", NAMES)
def test_hostile_case(
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "root"
    case = root / name
    shutil.copytree(CASES / name, case)
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    before = snapshot(root)
    monkeypatch.chdir(case)
    printed = []
    for step in spec["runs"]:
        with monkeypatch.context() as env:
            for key, value in step["env"].items():
                env.setenv(key, value)
            started = time.monotonic()
            code, out, err = run_cli(step["args"], capsys)
            took = time.monotonic() - started
        shown = f"{step['args']} → {code}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
        assert code == step["exit"], shown
        assert "Traceback" not in out + err, shown
        assert took < step["timeout"], shown
        if code == 2:
            assert err.strip().count("\n") == 0 and err.startswith("error: "), shown
            assert "internal error" not in err, shown
        if step["stderr"]:
            assert step["stderr"] in err, shown
        printed.append(out + err)
    after = snapshot(root)
    assert after == before, "written outside -o, or an input changed"
    parts = [p for p in outputs(case) if p.name.endswith(".part")]
    assert all(p.name in {Path(k).name for k in spec.get("kept", [])} for p in parts), parts
    _scans(case, spec, printed)


def _scans(case: Path, spec: dict[str, object], printed: list[str]) -> None:
    for secret in spec.get("secrets", []):  # type: ignore[attr-defined]
        for text in printed:
            assert secret not in text
        for path in outputs(case):
            if data_file(case, path):
                continue
            text = _reported_text(path)
            assert secret not in text, f"{secret!r} in {path}"
    for pattern in spec.get("csv_safe", []):  # type: ignore[attr-defined]
        files = list(case.glob(pattern))
        assert files, pattern
        for path in files:
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
                for cell in row:
                    assert not cell.startswith(TRIGGERS + WIDE_TRIGGERS), (path, cell)
    for rel, lines in dict(spec.get("raw_kept", {})).items():  # type: ignore[call-overload]
        with (case / rel).open(encoding="utf-8-sig", newline="") as fh:
            raws = [json.loads(r["raw"]) for r in csv.DictReader(fh)]
        for line in lines:
            assert line in raws, (line, raws)
    for rel in spec.get("inert", []):  # type: ignore[attr-defined]
        text = (case / rel).read_text(encoding="utf-8")
        for text_ in (text, *printed):
            assert "\x1b" not in text_ and "\x07" not in text_
            assert not any(ch in text_ for ch in BIDI)
    want = dict(spec.get("finding", {}))  # type: ignore[call-overload]
    if want:
        report = json.loads((case / want["file"]).read_text(encoding="utf-8"))
        assert any(
            f["item"] == want["item"] and f["code"] == want["code"] and f["row"] == want["row"]
            for f in report["findings"]
        ), want
    for rel, most in dict(spec.get("max_bytes", {})).items():  # type: ignore[call-overload]
        assert (case / rel).stat().st_size <= most, rel
    for rel in spec.get("gone", []):  # type: ignore[attr-defined]
        assert not (case / rel).exists(), rel
    for rel in spec.get("kept", []):  # type: ignore[attr-defined]
        assert (case / rel).exists(), rel


def _reported_text(path: Path) -> str:
    """What a report file shows; for rejects, only the columns that are not the record."""
    if path.name.endswith(".rejects.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return "\n".join(f"{r['row']} {r['codes']} {r['findings']}" for r in csv.DictReader(fh))
    if path.suffix == ".xlsx":
        import zipfile

        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def test_every_owned_row_has_a_case() -> None:
    rows = {json.loads((CASES / n / "case.json").read_text(encoding="utf-8"))["row"] for n in NAMES}
    assert {1, 2, 3, 4, 6, 9, 10, 11, 12, 13, 15, 17} <= rows
