"""The one exception type for bad specs, mappings and options (CLI exit 2)."""

from __future__ import annotations

from layout_tool.i18n import Text, text

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class LayoutToolError(Exception):
    """A spec, mapping or option the tool cannot work with.

    Carries an optional ``file:line`` location so the CLI can print one clear line. The
    message may be a ``Msg``: it is then said in the language of the run when printed.
    """

    def __init__(
        self,
        message: Text,
        *,
        path: str | None = None,
        line: int | None = None,
        lines: bool = False,
    ) -> None:
        super().__init__(message)
        self.said = message
        self.path = path
        self.line = line
        self.lines = lines  # a first line and one line per thing it lists (printed so)

    @property
    def message(self) -> str:
        return text(self.said)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
