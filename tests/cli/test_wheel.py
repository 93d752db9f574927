"""The built wheel works on its own: bundled specs load from site-packages, not the checkout.

Build the wheel (hatchling, fetched by ``python -m build``'s isolated environment), install
it with ``--no-deps`` into a fresh venv, and let that venv see the project venv's
dependencies through a ``.pth`` line. Lines of a ``.pth`` file only extend ``sys.path``;
the ``.pth`` files inside that folder (including the editable install's pointer to the
checkout) are not processed, so the checkout stays invisible. Then run the console script
from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout_tool.spec.catalogue import catalogue, load_area

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DETAILED = [e.id for e in catalogue() if e.spec is not None]


@dataclass(frozen=True)
class Installed:
    venv: Path
    site: Path
    cwd: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def script(self) -> Path:
        return self.venv / "bin" / "layout-tool"


def run(cmd: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=timeout,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    dist, venv, elsewhere = base / "dist", base / "venv", base / "elsewhere"
    elsewhere.mkdir()
    ok(run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], base))
    wheels = list(dist.glob("layout_tool-*.whl"))
    assert len(wheels) == 1, wheels
    ok(run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base))
    new_python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(new_python), "install", "--no-deps"]
    ok(run([*pip, "--no-index", "--quiet", str(wheels[0])], base))
    # Only after installing: pip must not see (and try to replace) the editable install.
    site = Path(
        ok(
            run(
                [str(new_python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                base,
            )
        ).strip()
    )
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_project_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return Installed(venv=venv, site=site, cwd=elsewhere)


def test_wheel_imports_from_its_own_site_packages(installed: Installed) -> None:
    code = (
        "import sys, layout_tool\n"
        "from layout_tool.spec.catalogue import load_area\n"
        "print(layout_tool.__file__)\n"
        "print(load_area('jumin').path)\n"
        "print('\\n'.join(sys.path))\n"
    )
    lines = ok(run([str(installed.python), "-c", code], installed.cwd)).splitlines()
    package, spec_path, *path = lines
    assert Path(package).is_relative_to(installed.site)
    assert Path(spec_path).is_relative_to(installed.site / "layout_tool" / "_bundled" / "specs")
    assert str(ROOT) not in path, "the checkout leaked onto sys.path"


def test_wheel_is_typed_and_carries_its_data(installed: Installed) -> None:
    """PEP 561 ``py.typed`` and the schemas the loaders read are package data of the wheel."""
    package = installed.site / "layout_tool"
    for name in ("py.typed", "spec/spec.schema.json", "mapping/mapping.schema.json"):
        assert (package / name).is_file(), name


def test_installed_spec_list_shows_the_six_areas(installed: Installed) -> None:
    out = ok(run([str(installed.script), "spec", "list", "--format", "json"], installed.cwd))
    rows = {row["id"]: row for row in json.loads(out)}
    assert {i for i, row in rows.items() if row["files"] > 0} == set(DETAILED)
    assert len(DETAILED) == 6
    text = ok(run([str(installed.script), "spec", "list"], installed.cwd))
    for area in DETAILED:
        assert area in text


def test_installed_spec_show_equals_checkout(installed: Installed) -> None:
    out = ok(
        run([str(installed.script), "spec", "show", "jumin", "--format", "json"], installed.cwd)
    )
    assert json.loads(out) == load_area("jumin").to_dict()


def test_installed_module_entry_point_and_errors(installed: Installed) -> None:
    out = ok(run([str(installed.python), "-m", "layout_tool", "--version"], installed.cwd))
    assert "layout-tool" in out
    broken = ROOT / "tests" / "spec_errors" / "no_gap.yaml"
    done = run([str(installed.script), "spec", "show", str(broken)], installed.cwd)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "no_gap.yaml:13: 項目 '性別': no が 5 です（3 のはずです）" in done.stderr  # ja first
    done = run([str(installed.script), "spec", "show", str(broken), "--lang", "en"], installed.cwd)
    assert "no_gap.yaml:13: item '性別': no is 5, expected 3" in done.stderr
