"""Generated data is valid; every seeded fault is found exactly, and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.report.report import Filter
from layout_tool.sample import generate, seed_faults, write
from layout_tool.spec.catalogue import catalogue
from layout_tool.validate import Options, validate_paths

AREAS = [e.spec for e in catalogue() if e.spec is not None]
IDS = [s.id for s in AREAS]
UNLIMITED = Options(filter=Filter(max_findings=None))


@pytest.mark.parametrize("spec", AREAS, ids=IDS)
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), rows=st.integers(1, 120))
def test_generated_handover_sets_have_no_findings(
    spec: object, seed: int, rows: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from layout_tool.spec.model import AreaSpec

    assert isinstance(spec, AreaSpec)
    out = tmp_path_factory.mktemp(spec.id)
    write(generate(spec, rows, seed), spec, out)
    report = validate_paths(spec, [out], UNLIMITED)
    assert [f.to_dict() for f in report.findings] == []
    assert report.valid and report.notes == []
    assert {f.file_id for f in report.files} == {f.id for f in spec.files}


@pytest.mark.parametrize("spec", AREAS, ids=IDS)
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10**6), k=st.integers(1, 12))
def test_each_seeded_fault_gives_exactly_its_finding(
    spec: object, seed: int, k: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from layout_tool.spec.model import AreaSpec

    assert isinstance(spec, AreaSpec)
    out = tmp_path_factory.mktemp(spec.id)
    frames, faults = seed_faults(generate(spec, 150, seed), spec, k, seed)
    write(frames, spec, out)
    report = validate_paths(spec, [out], UNLIMITED)
    found = sorted((f.code, f.file_id, f.row, f.item) for f in report.findings)
    expected = sorted((f.code, f.file_id, f.row, f.item) for f in faults)
    assert found == expected
    assert report.errors + report.warnings == len(faults)


def test_column_is_reported_for_item_findings(tmp_path: Path) -> None:
    spec = next(s for s in AREAS if s.id == "kaigo")
    frames, _faults = seed_faults(generate(spec, 100, 3), spec, 6, 3)
    write(frames, spec, tmp_path)
    report = validate_paths(spec, [tmp_path], UNLIMITED)
    for finding in report.findings:
        if finding.code in {"required", "type", "length", "code", "date", "check-digit", "gaiji"}:
            file_spec = spec.file(finding.file_id or "")
            assert finding.column == file_spec.item_names.index(finding.item or "") + 1
