"""The compare report's HTML page in headless chromium (Debian's package, no webdriver):
figures, the differences table, its text filter and sorting by a numeric column."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_html_report import ARTIFACTS, _chromium, _need_browser

from layout_tool.compare import Options, compare_paths
from layout_tool.compare.html import render_html
from layout_tool.compare.model import CompareReport
from layout_tool.spec.catalogue import load_area

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"

PROBE = """
(function () {
  function rows(id) {
    return document.querySelectorAll("#" + id + "-table tbody tr:not([hidden])").length;
  }
  function column(id, i) {
    return Array.from(document.querySelectorAll("#" + id + "-table tbody tr"))
      .map(function (r) { return parseInt(r.cells[i].getAttribute("data-sort"), 10); });
  }
  var out = {figures: {}};
  ["files", "matched", "only_old", "only_new", "changed_values", "duplicate_keys"].forEach(
    function (k) {
      out.figures[k] = document.getElementById("n-" + k).getAttribute("data-value");
    });
  out.same = document.getElementById("verdict").getAttribute("data-same");
  out.headings = Array.from(document.querySelectorAll("h2")).map(function (h) {
    return h.firstChild.textContent.trim(); });
  out.differences = rows("differences");
  var th = document.querySelectorAll("#counts-table thead th")[1];
  th.click(); out.ascending = column("counts", 1); out.sort = th.getAttribute("aria-sort");
  th.click(); out.descending = column("counts", 1);
  var box = document.getElementById("filter-text");
  box.value = "在留期間";
  box.dispatchEvent(new Event("input"));
  out.filtered = rows("differences");
  out.shown = document.getElementById("shown-count").getAttribute("data-value");
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


@pytest.fixture(scope="module")
def compared() -> CompareReport:
    spec = load_area("jumin")
    old, new = SAMPLES / "handover" / "jumin", SAMPLES / "faulty" / "jumin"
    return compare_paths(spec, [old], [new], Options())


def test_compare_page_in_chromium(compared: CompareReport, tmp_path: Path) -> None:
    _need_browser(webdriver=False)
    page = tmp_path / "compare.html"
    html = render_html(compared)
    assert "<link" not in html and 'src="http' not in html  # self-contained
    page.write_text(html, encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", f"<script>{PROBE}</script></body>"), "utf-8")
    run = _chromium(
        "--virtual-time-budget=5000", "--dump-dom", probe.as_uri(), profile=tmp_path / "p1"
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert [ln for ln in run.stderr.splitlines() if ":CONSOLE" in ln] == []
    found = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert found is not None, "the probe did not run: " + run.stdout[-500:]
    out = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    s = compared.summary()
    assert out["figures"] == {k: str(s[k]) for k in out["figures"] if k != "files"} | {
        "files": str(s["files"])
    }
    assert out["same"] == "false"
    assert out["headings"][:3] == ["概要", "件数照合", "項目別の差異"]
    listed = len(compared.differences) + sum(
        len(f.only_old_keys) + len(f.only_new_keys) + len(f.duplicate_keys) for f in compared.files
    )
    assert out["differences"] == listed
    assert out["ascending"] == sorted(out["ascending"]) and out["sort"] == "ascending"
    assert out["descending"] == sorted(out["ascending"], reverse=True)
    want = sum(1 for d in compared.differences if d.item == "在留期間")
    assert out["filtered"] == int(out["shown"]) == want > 0

    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "compare-report.png"
    target.unlink(missing_ok=True)
    shot = _chromium(f"--screenshot={target}", page.as_uri(), profile=tmp_path / "p2")
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
