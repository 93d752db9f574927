"""Help for every option, exit codes and an example in every command; names that forgive."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from layout_tool.cli.main import cli

CLEAN = Path(__file__).resolve().parents[1] / "cases" / "validate" / "clean"


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    out: list[tuple[str, click.Command]] = []

    def walk(cmd: click.Command, path: str) -> None:
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None
                walk(sub, f"{path} {name}".strip())
        else:
            out.append((path, cmd))

    walk(cli, "")
    return out


@pytest.mark.parametrize("path", [p for p, _ in _commands()])
def test_every_option_has_help_and_the_epilog_has_exit_codes_and_an_example(path: str) -> None:
    result = CliRunner().invoke(cli, [*path.split(), "--help"])
    assert result.exit_code == 0
    command = dict(_commands())[path]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{path} {param.opts[0]} has no help"
    assert "Exit codes: 0" in result.output and "Examples:" in result.output
    assert f"layout-tool {path}" in result.output.split("Examples:")[1]


@pytest.mark.parametrize(
    "given", ["hihokensha", "被保険者", "KAIGO_HIHOKENSHA", "KAIGO_HIHOKENSHA.csv"]
)
def test_file_accepts_id_name_or_file_name(given: str) -> None:
    path = str(CLEAN / "KAIGO_HIHOKENSHA.csv")
    result = CliRunner().invoke(cli, ["validate", "--spec", "kaigo", "--file", given, path])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["validate", "--spec", "介護", "x"], "介護保険"),
        (["validate", "--spec", "kiago", "x"], "kaigo"),
        (["validate", "--spec", "kaigo", "--file", "hiho", str(CLEAN)], "hihokensha"),
        (["validate", "--spec", "kaigo", "--format", "htm", str(CLEAN)], "html"),
        (["validate", "--spec", "kaigo", "--select", "requried", str(CLEAN)], "required"),
    ],
)
def test_did_you_mean(args: list[str], hint: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    assert result.exit_code == 2
    assert f"did you mean {hint}" in result.output
