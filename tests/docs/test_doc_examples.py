"""The docs cannot drift: every marked example in README.md and docs/ runs and prints what
the doc shows.

A marked example is a fenced ``console`` block right after the line ``<!-- doc-test -->``.
In it, a line starting with ``$ `` is a command (run with bash, ``layout-tool`` being this
checkout's; the working directory holds the bundled ``sample_data``, ``mappings`` and
``specs``, so outputs such as ``out/…`` land in a temporary folder). The lines after a command
are its expected output (stdout and stderr together): ``...`` alone on a line stands for any
number of lines, and ``...`` inside a line for any text. A command without lines after it
only has to succeed. Exit codes 0 and 1 (findings) count as success; ``# exit N`` at the end
of the command line asks for exactly N.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- doc-test -->"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINKED = ("sample_data", "mappings", "specs")


@dataclass
class Example:
    doc: Path
    line: int
    command: str
    expected: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def examples(doc: Path) -> list[Example]:
    lines = doc.read_text(encoding="utf-8").splitlines()
    out: list[Example] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == MARKER:
            assert lines[i + 1].strip() == "```console", f"{doc}:{i + 2}: expected ```console"
            i += 2
            current: Example | None = None
            while lines[i].strip() != "```":
                if lines[i].startswith("$ "):
                    command = lines[i][2:]
                    while command.endswith("\\"):  # a command continued on the next line
                        i += 1
                        command = command[:-1] + " " + lines[i].strip()
                    current = Example(doc, i + 1, command)
                    out.append(current)
                elif current is not None:
                    current.expected.append(lines[i])
                i += 1
        i += 1
    return out


ALL = [e for doc in DOCS for e in examples(doc)]


def matches(expected: list[str], got: list[str]) -> bool:
    """Line by line, ``...`` alone for any lines and inside a line for any text."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, got[k:]) for k in range(len(got) + 1))
    if not got:
        return False
    pattern = ".*".join(re.escape(part) for part in head.rstrip().split("..."))
    return re.fullmatch(pattern, got[0].rstrip()) is not None and matches(rest, got[1:])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("doc-examples")
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    return folder


def test_there_are_marked_examples() -> None:
    assert len(ALL) >= 10
    assert {e.doc.name for e in ALL} >= {"README.md"}


def run_example(example: Example, workdir: Path) -> str | None:
    """None when the example runs as the doc says, else what went wrong."""
    found = re.search(r"#\s*exit (\d+)\s*$", example.command)
    command, want = example.command, found.group(1) if found else ""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SOURCE_DATE_EPOCH": "1800000000",
        "COLUMNS": "100",
    }
    env.pop("LAYOUT_TOOL_LANG", None)
    run = subprocess.run(
        ["bash", "-c", command], cwd=workdir, env=env, capture_output=True, text=True, timeout=300
    )
    got = (run.stdout + run.stderr).splitlines()
    ok = run.returncode == int(want) if want.strip() else run.returncode in (0, 1)
    if not ok:
        return f"{example.id}: `{command.strip()}` exit {run.returncode}\n{run.stderr[-1500:]}"
    if example.expected and not matches(example.expected, got):
        return f"{example.id}: `{command.strip()}` printed\n" + "\n".join(got)
    return None


DOCS_WITH_EXAMPLES = sorted({e.doc for e in ALL})


@pytest.mark.parametrize(
    "doc", DOCS_WITH_EXAMPLES, ids=[str(d.relative_to(ROOT)) for d in DOCS_WITH_EXAMPLES]
)
def test_doc_examples_run_as_shown(doc: Path, workdir: Path) -> None:
    """A doc's examples in order (a later one may read what an earlier one wrote)."""
    assert shutil.which("layout-tool", path=str(Path(sys.executable).parent)) is not None
    problems = [p for e in ALL if e.doc == doc and (p := run_example(e, workdir)) is not None]
    assert not problems, "\n\n".join(problems)
