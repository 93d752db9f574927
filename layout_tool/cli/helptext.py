"""Help that every command shares: option texts spelt once, exit codes and an example each.

The group applies it when it loads a command (``ToolGroup.get_command``), so a new command or
option gets the shared texts without repeating them; a command's own ``help=`` wins.
"""

from __future__ import annotations

import click

EXIT_CODES = (
    "\b\nExit codes: 0 done, no error-severity findings; 1 done, errors found (or rows"
    " rejected);\n2 usage, spec or mapping error (nothing checked or written); 3 internal"
    " error (a bug);\n130 interrupted."
)

# option name → help, for options that do not say it themselves
OPTION_HELP: dict[str, str] = {
    "--format": "Report format (text for people; json, csv, html, xlsx for tools and Excel).",
    "--max-findings": "List at most N findings (the counts stay exact); 0 lists none.",
    "--column": "Name a heading of the layout table: FIELD=HEADING (as in spec import).",
    "--type": "Read a type word of the table as a type: WORD=TYPE (e.g. 自由記述=zenkaku).",
    "--file-id": "The spec id of a file of the table: [NAME=]ID (e.g. 個人=kojin).",
    "--output": "Write the report here instead of printing it.",
    "--version": "The version of the spec written.",
}

# command path → examples (shown after the exit codes)
EXAMPLES: dict[str, list[str]] = {
    "validate": [
        "layout-tool validate --spec jumin sample_data/faulty/jumin",
        "layout-tool validate --spec 介護保険 KAIGO/ --format html -o report.html",
        "layout-tool validate --spec kaigo --file 被保険者 data.csv --lang en",
    ],
    "convert": [
        "layout-tool convert --mapping kakuu-densan/jumin sample_data/vendors/kakuu-densan/jumin"
        " -o out/",
        "layout-tool convert --spec jumin out/ -o xml/ --to xml",
    ],
    "coverage": ["layout-tool coverage --mapping kakuu-densan/jumin"],
    "gaiji": ["layout-tool gaiji sample_data/faulty/jumin --format csv -o gaiji.csv"],
    "manifest": ["layout-tool manifest sample_data/handover/jumin -o manifest.json"],
    "verify": ["layout-tool verify sample_data/handover/jumin --manifest manifest.json"],
    "sample": ["layout-tool sample jumin --rows 1000 --seed 1 -o demo/"],
    "spec list": ["layout-tool spec list"],
    "spec show": ["layout-tool spec show jumin --format json"],
    "spec xsd": ["layout-tool spec xsd jumin -o jumin.xsd"],
    "spec import": ["layout-tool spec import 項目一覧.xlsx --area jumin -o jumin.yaml"],
    "spec diff": ["layout-tool spec diff jumin jumin_official.yaml"],
    "compare": [
        "layout-tool compare --spec jumin sample_data/handover/jumin sample_data/faulty/jumin",
        "layout-tool compare --spec jumin old/ new/ --format html -o compare.html",
        "layout-tool compare --spec jumin rehearsal1/report.json rehearsal2/report.json",
    ],
    "mapping init": [
        "layout-tool mapping init --area jumin"
        " sample_data/vendors/shisaku-data/jumin/JUMIN_ICHIRAN.csv -o draft.yaml",
    ],
    "mapping check": ["layout-tool mapping check shisaku-data/jumin"],
    "charset import": [
        "layout-tool charset import --mj MJ文字情報一覧表.xlsx --gj gj.csv --ivd IVD_Sequences.txt"
        " --version 1.0 --source 'MJ Ver.006.02' -o charsets/mjplus",
    ],
    "charset show": ["layout-tool charset show sample_data/charsets/mjplus-synthetic"],
}


class HintChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose error suggests the closest value (``--format htm`` → html)."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> object:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            from layout_tool.suggest import did_you_mean

            hint = did_you_mean(str(value), [str(c) for c in self.choices])
            if not hint:
                raise
            raise click.BadParameter(f"{exc.message}{hint}", ctx, param) from None


def apply(command: click.Command, path: str) -> click.Command:
    """Fill in missing option help and the epilog (exit codes, examples) of ``command``."""
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            apply(sub, f"{path} {name}")
        return command
    if not any(p.name == "lang" for p in command.params):  # every command speaks both
        from layout_tool.cli.options import lang_option

        command.params += lang_option(click.Command("_")).params
    for param in command.params:
        if type(param.type) is click.Choice:
            param.type = HintChoice(param.type.choices, param.type.case_sensitive)
        if isinstance(param, click.Option) and not param.help:
            for opt in (*param.opts, *param.secondary_opts):
                if opt in OPTION_HELP:
                    param.help = OPTION_HELP[opt]
                    break
    if not command.epilog:
        examples = EXAMPLES.get(path, [])
        shown = "\n".join(f"  {e}" for e in examples)
        command.epilog = EXIT_CODES + (f"\n\n\b\nExamples:\n{shown}" if examples else "")
    return command
