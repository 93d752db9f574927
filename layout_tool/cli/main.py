"""The ``layout-tool`` command: a thin click layer over the library."""

from __future__ import annotations

import importlib
import sys
import tempfile
import traceback

import click

from layout_tool import __version__
from layout_tool.cli.usage import lang_from_argv, one_line
from layout_tool.errors import EXIT_INTERNAL, EXIT_USAGE, LayoutToolError
from layout_tool.i18n import set_lang, t
from layout_tool.safety import signals
from layout_tool.safety.environment import environment_error
from layout_tool.safety.masking import mask_digits
from layout_tool.safety.text import inert, inert_lines, shown

# Each command's module is imported only when that command runs (or help lists it): a
# command starts without the libraries only the others need.
COMMANDS: dict[str, tuple[str, str]] = {
    "spec": ("layout_tool.cli.spec_cmd", "spec"),
    "validate": ("layout_tool.cli.validate_cmd", "validate"),
    "manifest": ("layout_tool.cli.manifest_cmd", "manifest"),
    "verify": ("layout_tool.cli.manifest_cmd", "verify"),
    "gaiji": ("layout_tool.cli.gaiji_cmd", "gaiji"),
    "sample": ("layout_tool.cli.sample_cmd", "sample"),
    "convert": ("layout_tool.cli.convert_cmd", "convert_cmd"),
    "coverage": ("layout_tool.cli.coverage_cmd", "coverage_cmd"),
    "mapping": ("layout_tool.cli.mapping_cmd", "mapping"),
    "charset": ("layout_tool.cli.charset_cmd", "charset"),
    "compare": ("layout_tool.cli.compare_cmd", "compare_cmd"),
}


class ToolGroup(click.Group):
    """Loads commands on first use; turns a LayoutToolError from any command into one line
    on stderr and exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        from layout_tool.cli.helptext import apply

        return apply(command, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LayoutToolError as exc:
            click.echo(t("cli.error", text=_said(exc)), err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=ToolGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="layout-tool")
def cli() -> None:
    """Validate, convert and check handover data in the 中間標準レイアウト仕様."""
    if not (click.get_current_context().obj or {}).get("lang_set"):  # main() has set it
        set_lang()  # LAYOUT_TOOL_LANG, else Japanese; a command's --lang overrides it


def _said(exc: LayoutToolError) -> str:
    """The error's text, inert: one line, or its own lines where it lists (``lines``)."""
    return inert_lines(str(exc)) if exc.lines else inert(str(exc))


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; bad input becomes exit 2, a bug exit 3, never a traceback."""
    signals.install()
    set_lang()  # LAYOUT_TOOL_LANG, else Japanese; then --lang, before any usage error
    lang_from_argv(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(
            args=argv, prog_name="layout-tool", standalone_mode=False, obj={"lang_set": True}
        )
    except click.exceptions.Abort as exc:  # click turns Ctrl-C (and SIGTERM) into Abort
        if isinstance(exc.__cause__, signals.Terminated):
            click.echo("terminated", err=True)
            code = signals.EXIT_TERMINATED
        elif isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("interrupted", err=True)
            code = signals.EXIT_INTERRUPTED
        else:
            click.echo("aborted", err=True)
            code = EXIT_USAGE
    except click.exceptions.NoArgsIsHelpError as exc:  # a group alone: its help
        click.echo(exc.ctx.get_help() if exc.ctx is not None else str(exc), err=True)
        code = EXIT_USAGE
    except click.UsageError as exc:
        click.echo(one_line(exc), err=True)
        code = EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        code = EXIT_USAGE
    except LayoutToolError as exc:
        click.echo(t("cli.error", text=_said(exc)), err=True)
        code = EXIT_USAGE
    except signals.Terminated:
        click.echo("terminated", err=True)
        code = signals.EXIT_TERMINATED
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = signals.EXIT_INTERRUPTED
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # the last line of defence: a bug, reported in one line
        named = environment_error(exc)
        if named is not None:  # full disk, no permission, nested too deeply: not a bug
            click.echo(t("cli.error", text=named), err=True)
            sys.exit(EXIT_USAGE)
        said = str(exc)
        details = "".join(traceback.format_exception(exc))
        if said:  # the message may quote data: the crash file and the line get it masked
            details = details.replace(said, mask_digits(said))
        with tempfile.NamedTemporaryFile(
            "w", prefix="layout-tool-crash-", suffix=".txt", delete=False
        ) as log:
            log.write(details)
        line = shown(mask_digits(said.splitlines()[0] if said else ""))
        said = t("cli.internal", kind=type(exc).__name__, line=line, path=log.name)
        click.echo(said, err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else 0)
