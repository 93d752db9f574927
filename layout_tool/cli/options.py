"""Options several commands share, spelt once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from layout_tool.io.encoding import ENCODINGS

F = TypeVar("F", bound=Callable[..., Any])


def encoding_option(help: str | None = None) -> Callable[[F], F]:
    """``--encoding auto|utf-8|utf-8-sig|cp932`` (auto detects and the report says what)."""
    return click.option(
        "--encoding",
        type=click.Choice(list(ENCODINGS)),
        default="auto",
        show_default=True,
        help=help or "Encoding of the inputs; auto detects it and the report says what it found.",
    )


no_header_option = click.option(
    "--no-header", is_flag=True, help="The files have no header row: columns by position."
)


profile_option = click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Local rules (YAML): checks on/off per item, severities, local code values."
    " Reports name it with its SHA-256.",
)


def finding_codes(value: str | None) -> frozenset[str]:
    """The finding codes of a comma-separated list; an unknown one is a usage error."""
    from layout_tool.errors import LayoutToolError
    from layout_tool.findings import CODES

    if not value:
        return frozenset()
    codes = frozenset(c.strip() for c in value.split(",") if c.strip())
    unknown = sorted(codes - set(CODES))
    if unknown:
        from layout_tool.i18n import Msg

        raise LayoutToolError(Msg("spec.unknown-codes", codes=", ".join(unknown)))
    return codes


charset_option = click.option(
    "--charset",
    help="Character set (a folder made by `charset import`, or its id): GJ characters are"
    " standard, unknown private-use characters and unregistered IVS are findings.",
)
length_count_option = click.option(
    "--length-count",
    type=click.Choice(["codepoints", "characters", "bytes:cp932", "bytes:utf-8"]),
    help="How 桁数 is counted (overrides the spec; default: what the spec says, else code points).",
)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    from layout_tool.i18n import set_lang

    return set_lang(value)


lang_option = click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_set_lang,
    help="Language of messages, headings and summaries (default ja, or LAYOUT_TOOL_LANG)."
    " JSON keys and finding codes stay English.",
)


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    from layout_tool.cli import progress

    progress.QUIET["on"] = bool(value)
    return bool(value)


quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    callback=_set_quiet,
    help="No progress bar (it is drawn only on a terminal anyway).",
)
