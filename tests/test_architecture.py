"""The domain's shape: packages in layers, no engine inside, no import cycle.

`evidencesite.LAYERS` declares the sub-packages lowest first, each with its reason. A
module may import its own package and those below it; an import of a higher package
is a design change, whether it runs or only names a type (`if TYPE_CHECKING:`), and
fails here naming the line. The domain never imports MkDocs or Material: it is what
outlives the engine. And no chain of imports leads back to where it started.

Read from the source with `ast`, never imported, so a broken module is still judged.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import evidencesite
from evidencesite import LAYERS

PACKAGE = Path(evidencesite.__file__).parent
HOOKS = PACKAGE.parent
ENGINES = ("mkdocs", "material")


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module (evidencesite.checks.reviews)."""
    file: Path
    line: int
    text: str
    """The statement as written."""
    targets: tuple[str, ...]
    """Every evidencesite module it loads: the one named and each sub-module imported from it."""
    top_names: tuple[str, ...]
    """The top-level names of what it imports (evidencesite, mkdocs, yaml …)."""
    type_only: bool
    """Inside `if TYPE_CHECKING:`: it names types and never runs."""


def module_name(file: Path) -> str:
    parts = file.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(f): f for f in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    """The sub-package a module belongs to ('' for the root package)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(module: str, file: Path, source: str | None = None) -> list[Import]:
    tree = ast.parse(file.read_text(encoding="utf-8") if source is None else source, str(file))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named = [alias.name for alias in node.names]
            targets = [n for n in named if n in MODULES]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            named = [base]
            targets = [base] if base in MODULES else []
            targets += [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
        else:
            continue
        found.append(Import(module, file, node.lineno, ast.unparse(node), tuple(targets),
                            tuple(n.split(".")[0] for n in named), id(node) in type_only))
    return found


IMPORTS = [imp for module, file in MODULES.items() for imp in imports_of(module, file)]


def where(imp: Import) -> str:
    return f"{imp.file.relative_to(HOOKS.parent)}:{imp.line}: {imp.text}" + ("  (under TYPE_CHECKING)" if imp.type_only else "")


def test_every_sub_package_has_a_place_in_the_layers():
    declared = [name for name, _ in LAYERS]
    present = sorted({layer_of(m) for m in MODULES} - {""})
    assert len(declared) == len(set(declared)), f"a layer is declared twice: {declared}"
    assert sorted(declared) == present, (
        f"evidencesite.LAYERS declares {sorted(declared)} but the sub-packages are {present}: "
        "place a new package in LAYERS, with the reason for its place")
    assert all(reason.strip() for _, reason in LAYERS), "every layer says why it sits where it does"


def test_no_package_imports_a_higher_layer():
    rank = {name: i for i, (name, _) in enumerate(LAYERS)}
    upward = []
    for imp in IMPORTS:
        own = layer_of(imp.module)
        for target in imp.targets:
            other = layer_of(target)
            if other and own and other != own and rank[other] > rank[own]:
                upward.append(f"{where(imp)}\n    {own} (layer {rank[own]}) imports {other} (layer {rank[other]})")
                break
    assert not upward, (
        "a package imports one above it in evidencesite.LAYERS; move the code it needs down, or move "
        "the module up to the package it belongs to:\n" + "\n".join(upward))


def test_the_domain_never_imports_the_engine():
    engine = [where(imp) for imp in IMPORTS if set(imp.top_names) & set(ENGINES)]
    assert not engine, ("hooks/evidencesite must run without MkDocs (scripts, tests, any other engine); "
                        "engine code belongs in the adapter, hooks/*.py:\n" + "\n".join(engine))


def test_no_import_cycle():
    """Imports that run (at module level or inside a function) never lead back to their module."""
    edges: dict[str, dict[str, Import]] = {m: {} for m in MODULES}
    for imp in IMPORTS:
        if not imp.type_only:
            for target in imp.targets:
                if target != imp.module:
                    edges[imp.module].setdefault(target, imp)
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in edges[module]:
            if state.get(target) == 1:
                loop = path[path.index(target):] + [target]
                cycles.append("\n".join(f"    {where(edges[a][b])}" for a, b in zip(loop, loop[1:])))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in MODULES:
        if module not in state:
            visit(module)
    assert not cycles, "modules import each other in a circle:\n" + "\n\n".join(cycles)


def test_the_judge_sees_every_kind_of_import():
    """The rules above read these shapes; were one missed, an upward import could hide in it."""
    probe = PACKAGE / "reading" / "probe.py"
    source = ("from typing import TYPE_CHECKING\n"
              "from evidencesite.checks import reviews\n"
              "from ..loading.loader import load_site\n"
              "if TYPE_CHECKING:\n    from evidencesite.publishing.exports import Table\n"
              "def f():\n    import mkdocs.config\n")
    found = imports_of("evidencesite.reading.probe", probe, source)
    by_line = {imp.line: imp for imp in found}
    assert "evidencesite.checks.reviews" in by_line[2].targets
    assert by_line[3].targets == ("evidencesite.loading.loader",)
    assert by_line[5].type_only and by_line[5].targets == ("evidencesite.publishing.exports",)
    assert by_line[7].top_names == ("mkdocs",)
