"""Coverage renderers: JSON is ``to_dict()``, HTML stands alone and escapes, text names it all."""

from __future__ import annotations

import json
import re

import pytest

from layout_tool.coverage import coverage_of_layout, coverage_of_mapping
from layout_tool.coverage.html import render_html
from layout_tool.coverage.render import render_json, render_text
from layout_tool.mapping import load_mapping
from layout_tool.spec.model import AreaSpec, FileSpec, Item

pytestmark = pytest.mark.usefixtures("english")  # they assert English text

EVIL = '<script>alert("x")</script>'


def hostile() -> AreaSpec:
    """A declared layout whose names try to inject markup."""
    return AreaSpec(
        standard="chukan",
        version="2.7",
        provenance="imported",
        id="jumin",
        name="住民基本台帳",
        number=1,
        files=(
            FileSpec(
                "kojin",
                "個人",
                (Item(1, "宛名番号", "digits", 15), Item(2, EVIL, "text", 5)),
            ),
            FileSpec("x", f"{EVIL}&co", (Item(1, "a&b", "text", 1),)),
        ),
    )


def test_json_equals_to_dict() -> None:
    found = coverage_of_mapping(load_mapping("kakuu-densan/kaigo"))
    assert json.loads(render_json(found)) == found.to_dict()


def test_html_is_self_contained_and_escapes_names() -> None:
    from layout_tool.spec.catalogue import load_area

    found = coverage_of_layout(hostile(), load_area("jumin"), subject="vendor.xlsx")
    page = render_html(found)
    assert page.startswith("<!DOCTYPE html>")
    assert EVIL not in page and "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "a&amp;b" in page
    assert not re.search(r"(?:src|href)\s*=", page)
    assert "http://" not in page and "https://" not in page and "@import" not in page
    assert 'data-passed="false"' in page and "<h1>FAIL</h1>" in page


def test_html_figures_match_summary() -> None:
    found = coverage_of_mapping(load_mapping("kaso-systems/jumin"))
    page = render_html(found)
    s = found.summary()
    assert f'<dd id="n-covered">{s.covered_pct:.1f}%</dd>' in page
    assert f'<dd id="n-missing">{s.missing}</dd>' in page
    for f in found.files:
        assert f'id="file-{f.file.id}"' in page
    assert page.count('<tr class="missing"') == s.missing
    assert page.count('<tr class="narrower"') == s.narrower


def test_text_lists_every_gap() -> None:
    found = coverage_of_mapping(load_mapping("kakuu-densan/jumin"))
    out = render_text(found)
    assert out.rstrip().endswith("FAIL: 5 required items missing, 2 required items narrower")
    for f in found.files:
        assert f"[{f.file.id}] {f.file.name}" in out
        for i in f.with_status("missing") + f.with_status("narrower"):
            assert i.item.name in out
    assert "35.7%" in out and "76.2%" in out
    assert "no vendor file is mapped to: ido_rireki" in out


def test_coverage_is_japanese_by_default_and_english_on_request() -> None:
    """Columns, figures, statuses, reasons and the verdict: --lang decides, ja first."""
    from layout_tool.i18n import use_lang

    with use_lang("ja"):
        found = coverage_of_mapping(load_mapping("kaso-systems/kaigo"))
        text, page = render_text(found), render_html(found)
    assert "ファイル" in text and "対応率" in text and "必須対応率" in text
    assert "移行元のフィールドは" in text or "日付の変換がありません" in text
    assert "covered%" not in text and "no date transform" not in text
    assert '<html lang="ja">' in page
    assert "<h1>不合格</h1>" in page or "<h1>合格</h1>" in page
    for english in ("Coverage", "covered", "narrower", "missing", "Vendor"):
        assert english not in re.sub(r"<[^>]+>", " ", page.split("<main>", 1)[1]), english
    with use_lang("en"):
        found = coverage_of_mapping(load_mapping("kaso-systems/kaigo"))
        text = render_text(found)
    assert "covered%" in text and "no date transform" in text and "対応率" not in text
