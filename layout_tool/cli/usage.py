"""Usage errors as one line, in the language of the run.

click says what is wrong with a command line in English, over several lines ("Usage: …",
"Try …", "Error: …"). The tool says it in one line, ``error: `` and the reason, with where to
find help; in Japanese the reason is said again from click's own wording (its messages are
fixed patterns: ``Missing option '--spec'.``), and left as it is when no pattern fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import click

from layout_tool.i18n import get_lang, resolve_lang, set_lang, t

Said = Callable[[re.Match[str]], str]

NAME = r"('[^']*'|\"[^\"]*\"|\S+?)"  # a quoted name (which may hold dots), or a word

_VALUE: list[tuple[re.Pattern[str], Said]] = [
    (
        re.compile(r"^(.+?) is not one of (.+?)\.(.*)$", re.S),
        lambda m: t("usage.not-one-of", value=m[1], choices=m[2]) + m[3],
    ),
    (
        re.compile(r"^(.+?) is not ('[^']*')\.(.*)$", re.S),
        lambda m: t("usage.not-one-of", value=m[1], choices=m[2]) + m[3],
    ),
    (
        re.compile(r"^(?:File|Directory|Path) (.+?) does not exist\.$"),
        lambda m: t("usage.no-path", value=m[1]),
    ),
    (
        re.compile(r"^(?:File|Path) (.+?) is a directory\.$"),
        lambda m: t("usage.is-folder", value=m[1]),
    ),
    (
        re.compile(r"^(?:Directory|Path) (.+?) is a file\.$"),
        lambda m: t("usage.is-file", value=m[1]),
    ),
    (re.compile(r"^(.+?) is not a valid integer\.$"), lambda m: t("usage.not-integer", value=m[1])),
    (re.compile(r"^(.+?) is not a valid float\.$"), lambda m: t("usage.not-number", value=m[1])),
    (
        re.compile(r"^(.+?) is not in the range (.+?)\.$"),
        lambda m: t("usage.out-of-range", value=m[1], range=m[2]),
    ),
    (
        re.compile(r"^(.+?) is not a valid (.+?)\.$"),
        lambda m: t("usage.not-valid", value=m[1], kind=m[2]),
    ),
]


def _value(why: str) -> str:
    for pattern, said in _VALUE:
        m = pattern.match(why)
        if m:
            return said(m)
    return why


def _maybe(rest: str) -> str:
    m = re.match(r"^\s*\(?Did you mean(?: one of:)? (.+?)\?\)?$", rest)
    return t("usage.maybe", names=m[1]) if m else rest


_MESSAGES: list[tuple[re.Pattern[str], Said]] = [
    (
        re.compile(rf"^Missing option {NAME}\.(.*)$", re.S),
        lambda m: t("usage.missing-option", name=m[1]) + m[2],
    ),
    (
        re.compile(rf"^Missing argument {NAME}\.(.*)$", re.S),
        lambda m: t("usage.missing-argument", name=m[1]) + m[2],
    ),
    (
        re.compile(rf"^No such option:? {NAME}\.?((?: |\s*\()Did you mean.*)?$", re.S),
        lambda m: t("usage.no-option", name=m[1]) + _maybe(m[2] or ""),
    ),
    (
        re.compile(rf"^No such command {NAME}\.(.*)$", re.S),
        lambda m: t("usage.no-command", name=m[1]) + _maybe(m[2]),
    ),
    (
        re.compile(rf"^Invalid value for {NAME}: (.*)$", re.S),
        lambda m: t("usage.invalid", name=m[1], why=_value(m[2])),
    ),
    (
        re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S),
        lambda m: t("usage.extra", args=m[1]),
    ),
    (
        re.compile(rf"^Option {NAME} requires an argument\.$"),
        lambda m: t("usage.needs-value", name=m[1]),
    ),
    (
        re.compile(rf"^Option {NAME} does not take a value\.$"),
        lambda m: t("usage.no-value", name=m[1]),
    ),
    (re.compile(r"^Missing command\.$"), lambda m: t("usage.missing-command")),
]


def reason(message: str) -> str:
    """click's message in the language of the run (as it is in English, or unknown)."""
    if get_lang() == "en":
        return message
    for pattern, said in _MESSAGES:
        m = pattern.match(message)
        if m:
            return said(m)
    return message


def one_line(exc: click.UsageError) -> str:
    """``error: <reason> (usage: layout-tool CMD --help)``, on one line."""
    command = exc.ctx.command_path if exc.ctx is not None else "layout-tool"
    said = " ".join(reason(exc.format_message()).split())
    return t("cli.error", text=said) + t("cli.usage-hint", command=command)


def lang_from_argv(argv: Sequence[str]) -> None:
    """``--lang`` as early as possible: usage errors are found before options are handled."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_lang(resolve_lang(argv[i + 1]))
        elif arg.startswith("--lang="):
            set_lang(resolve_lang(arg.partition("=")[2]))
