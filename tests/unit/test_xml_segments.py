"""Parallel segments read exactly what one sequential pass reads, on regular and odd documents."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from test_xml_reader import HIHO, KATAGAKI, document, records

from layout_tool.findings import Finding
from layout_tool.spec.catalogue import load_area
from layout_tool.xml import segments
from layout_tool.xml.parts import Part
from layout_tool.xml.reader import XmlSource

KAIGO = load_area("kaigo")
RECORDS = 2_400


def big(lines: list[str]) -> list[str]:
    return [lines[i % len(lines)] for i in range(RECORDS)]


def hiho(lines: list[str]) -> bytes:
    return document("<hihokensha>\n" + "\n".join(lines) + "\n</hihokensha>")


def outcome(path: Path, workers: int) -> tuple[object, ...]:
    source = XmlSource(KAIGO, path, workers=workers, batch_records=700)
    frames: dict[str, list[pl.DataFrame]] = {}
    findings: list[Finding] = []
    for section in source.sections():
        for batch in section.batches:
            frames.setdefault(section.file.id, []).append(batch.frame)
            findings += batch.findings
    joined = {k: pl.concat(v).rows() for k, v in frames.items()}
    lines = {k: list(v) for k, v in source.lines.items()}
    every = sorted(findings + source.findings, key=lambda f: (f.line or 0, f.text("en")))
    return joined, every, lines, source.sha256, source.stopped, source.notes


@pytest.fixture(autouse=True)
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "MIN_BYTES", 0)
    monkeypatch.setattr(segments, "SEGMENT_BYTES", 200_000)


def odd_documents() -> dict[str, bytes]:
    lines = big(HIHO)
    broken = list(lines)
    for i in range(5, RECORDS, 397):
        broken[i] = broken[i].replace("<性別>", "<junk/><性別>", 1)
    broken.insert(1000, "stray text <x/>")
    nested = list(lines)
    nested[1300] = re.sub(KATAGAKI, "<方書>" + "\n".join(lines[:400]) + "</方書>", nested[1300])
    commented = list(lines)
    commented[1200] = "<!-- " + "\n".join(x.replace("--", "") for x in lines[:300]) + " -->"
    nintei = records(KAIGO, "nintei", 50)
    two = "\n".join(
        ["<hihokensha>", *lines[:1500], "</hihokensha>", "<nintei>", *nintei * 20, "</nintei>"]
    )
    valid = hiho(lines)
    return {
        "valid": valid,
        "structure": hiho(broken),
        "truncated": valid[: len(valid) - 5000],
        "nested": hiho(nested),
        "comment": hiho(commented),
        "two_files": document(two),
    }


def test_segments_read_what_one_pass_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fallbacks: list[int] = []
    sequential = segments._sequential

    def counted(source: XmlSource, task: segments.Task, file_id: str, base: int) -> Iterator[Part]:
        fallbacks.append(task.start)
        return sequential(source, task, file_id, base)

    monkeypatch.setattr(segments, "_sequential", counted)
    for name, data in odd_documents().items():
        path = tmp_path / f"{name}.xml"
        path.write_bytes(data)
        assert segments.plan(XmlSource(KAIGO, path, workers=2), 2) is not None, name
        one = outcome(path, 1)
        fallbacks.clear()
        two = outcome(path, 2)
        assert two == one, name
        frames = one[0]
        assert isinstance(frames, dict) and frames, name
        # regular documents are read by the workers alone; odd ones fall back once
        assert len(fallbacks) == (0 if name in {"valid", "structure"} else 1), name


def test_what_is_not_split(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(hiho(big(HIHO)))
    assert segments.plan(XmlSource(KAIGO, path, workers=1), 1) is None
    assert segments.plan(XmlSource(KAIGO, path, workers=2, file_id="nintei"), 2) is None
    text = hiho(big(HIHO)).decode().replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
    path.write_bytes(text.encode("cp932"))
    assert segments.plan(XmlSource(KAIGO, path, workers=2), 2) is None


def test_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert segments.jobs(3) == 3 and segments.jobs(0) == 1
    monkeypatch.setenv("LAYOUT_TOOL_JOBS", "3")
    script = tmp_path / "script.py"
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    script.write_text("validate_everything()\n")  # would run again in every worker
    assert segments.jobs() == 1
    script.write_text('if __name__ == "__main__":\n    validate_everything()\n')
    assert segments.jobs() == 3
