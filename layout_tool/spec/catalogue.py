"""The bundled catalogue: every 業務 known, with detailed specs where we have them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.spec.loader import load_area_file, load_shared_codes
from layout_tool.spec.model import AreaSpec, CatalogueEntry, CodeTable
from layout_tool.yamlsource import check_schema, parse_yaml, plain

DEFAULT_VERSION = "2.7"
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_root(kind: str = "specs") -> Path:
    """Where bundled data lives: inside an installed wheel, or the checkout's top folder."""
    for candidate in (_PACKAGE / "_bundled" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise LayoutToolError(f"bundled {kind} not found (looked beside {_PACKAGE})")


def version_dir(version: str = DEFAULT_VERSION) -> Path:
    path = bundled_root() / f"v{version}"
    if not path.is_dir():
        raise LayoutToolError(f"no bundled specs for version {version}")
    return path


@cache
def shared_codes(version: str = DEFAULT_VERSION) -> dict[str, CodeTable]:
    path = version_dir(version) / "codes.yaml"
    return load_shared_codes(path) if path.is_file() else {}


@cache
def catalogue(version: str = DEFAULT_VERSION) -> tuple[CatalogueEntry, ...]:
    """Every area of the catalogue file, joined with the area specs found beside it."""
    folder = version_dir(version)
    doc = parse_yaml(folder / "catalogue.yaml")
    check_schema(doc, "spec/catalogue.schema.json")
    specs = {spec.id: spec for spec in _area_specs(version)}
    entries = []
    for raw in plain(doc.root)["areas"]:
        spec = specs.pop(raw["id"], None)
        if spec is not None and spec.number != raw["number"]:
            raise LayoutToolError(
                f"area {spec.id} has number {spec.number}, catalogue says {raw['number']}",
                path=spec.path,
            )
        entries.append(CatalogueEntry(raw["number"], raw["id"], raw["name"], raw["status"], spec))
    if specs:
        stray = ", ".join(sorted(specs))
        raise LayoutToolError(f"area specs not in the catalogue: {stray}", path=str(folder))
    return tuple(sorted(entries, key=lambda e: e.number))


def _area_specs(version: str) -> list[AreaSpec]:
    folder = version_dir(version)
    codes = shared_codes(version)
    names = sorted(p for p in folder.glob("*.yaml") if p.stem not in {"catalogue", "codes"})
    return [load_area_file(path, codes) for path in names]


def load_area(name: str, version: str = DEFAULT_VERSION) -> AreaSpec:
    """An area by id, number, Japanese name, or the path of a spec file."""
    path = Path(name)
    if path.suffix in {".yaml", ".yml"}:
        return load_area_file(path, shared_codes(version))
    for entry in catalogue(version):
        if name in {entry.id, entry.name, str(entry.number)}:
            if entry.spec is None:
                raise LayoutToolError(
                    f"area {entry.id} ({entry.name}) is catalogued but has no detailed spec yet;"
                    " import one with `layout-tool spec import`"
                )
            return entry.spec
    known = ", ".join(e.id for e in catalogue(version) if e.spec is not None)
    raise LayoutToolError(f"unknown area {name!r} (detailed areas: {known})")
