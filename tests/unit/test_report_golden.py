"""Every finding message in text, CSV, JSON, HTML and XLSX, in Japanese and in English.

The expected files are written by scripts/make_golden_reports.py (never by hand).
"""

from __future__ import annotations

import html
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "reports"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts/make_golden_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_reports_match_their_golden_files(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    got = _script().render_all(lang)
    for name, text in got.items():
        expected = (CASES / lang / name).read_bytes().decode("utf-8")
        assert text == expected, f"{lang}/{name}: rerun scripts/make_golden_reports.py"


def test_every_finding_message_appears_in_every_format_in_both_languages() -> None:
    from layout_tool.i18n.catalogue import TEMPLATES
    from layout_tool.i18n.findings import FINDING_TEMPLATES

    for lang in ("ja", "en"):
        data = json.loads((CASES / lang / "report.json").read_text(encoding="utf-8"))
        messages = [f["message"] for f in data["findings"]]
        assert len(messages) == len(FINDING_TEMPLATES)
        for name in ("report.csv", "report.html", "report.xlsx.txt"):
            text = (CASES / lang / name).read_text(encoding="utf-8")
            for m in messages:
                shown = m if name != "report.html" else html.escape(m)
                assert shown in text, (lang, name, m)
        text = (CASES / lang / "report.txt").read_text(encoding="utf-8")
        for code in {f["code"] for f in data["findings"]}:
            assert code in text
        from layout_tool.findings import CODES

        assert set(data["summary"]["by_code"]) == set(CODES)  # every finding code
    ja = (CASES / "ja" / "report.txt").read_text(encoding="utf-8")
    assert "結果: 不合格" in ja and "Result" not in ja
    assert TEMPLATES["required"]["ja"].format(item="氏名") in ja or "必須" in ja


def test_split_files_are_never_ambiguous() -> None:
    text = (CASES / "ja" / "report.txt").read_text(encoding="utf-8")
    assert "data/a/JUMIN_KOJIN_2.csv" in text and "data/b/JUMIN_KOJIN_2.csv" in text
    assert "JUMIN_KOJIN_1.csv 1行目（Excel 2行目）" in text
