"""One message catalogue (issue 15): every sentence staff read as a message is an entry
of the `evidencesite.catalogue` package, named by the code that uses it.

The test reads the source, not the running program: a Chinese string literal in a
module outside the catalogue fails, unless the module is declared in
`catalogue.TEMPLATES` as a page or document template or a vocabulary. Docstrings and
comments are English by rule and are not looked at.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
from pathlib import Path

import pytest

from evidencesite import catalogue

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "hooks" / "evidencesite"
SCRIPTS = REPO / "scripts"
ADAPTER = REPO / "hooks" / "mkdocs_adapter"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# The catalogue modules whose entries are plain `TEXT` tables read through `say(key)`.
TEXT_MODULES = ("commands", "settings", "reading", "checks", "intake", "publishing")


def _module_name(path: Path) -> str:
    if path.is_relative_to(SCRIPTS):
        return f"scripts.{path.stem}"
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> list[Path]:
    """The domain, the MkDocs adapter (hooks/evidence_site.py and its features) and the scripts."""
    return sorted([*PACKAGE.rglob("*.py"), *PACKAGE.parent.glob("*.py"), *ADAPTER.glob("*.py"), *SCRIPTS.glob("*.py")])


def _docstrings(tree: ast.AST) -> set[int]:
    """Bare string statements: docstrings of modules, classes and functions, and the
    attribute docstrings under an assignment. Nobody but a developer reads them."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def _chinese_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and CJK.search(node.value)]


def _in_catalogue(path: Path) -> bool:
    return path.is_relative_to(PACKAGE / "catalogue")


def _is_table(path: Path) -> bool:
    """A catalogue module of entries (finding.py and reasons.py are code that uses them)."""
    return _in_catalogue(path) and path.stem not in ("finding", "reasons")


def test_no_chinese_literal_outside_the_catalogue_and_the_declared_templates():
    stray = []
    for path in _sources():
        if _in_catalogue(path) or _module_name(path) in catalogue.TEMPLATES:
            continue
        stray += [f"{path.relative_to(REPO)}:{line}: {value!r}" for line, value in _chinese_literals(path)]
    assert not stray, ("Chinese text outside the message catalogue (hooks/evidencesite/catalogue/): move each "
                       "sentence into a catalogue entry and refer to it by name, or, for page wording, declare "
                       "the module in catalogue.TEMPLATES.\n" + "\n".join(stray))


def test_every_declared_template_exists_and_has_wording_of_its_own():
    modules = {_module_name(p): p for p in _sources()}
    assert not (missing := sorted(set(catalogue.TEMPLATES) - set(modules))), f"declared but not found: {missing}"
    idle = sorted(m for m in catalogue.TEMPLATES if not _chinese_literals(modules[m]))
    assert not idle, f"declared as templates but with no Chinese text left; drop them from the list: {idle}"
    assert all(reason.strip() for reason in catalogue.TEMPLATES.values())


@functools.cache
def _literals_outside_the_catalogue() -> frozenset[str]:
    """Every string constant of the code, the MkDocs adapter included: an entry is in use
    when some code names it."""
    found: set[str] = set()
    for path in _sources():
        if not _is_table(path):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return frozenset(found)


@pytest.mark.parametrize("module, table", [*((m, "TEXT") for m in TEXT_MODULES),
                                           ("messages", "CATALOGUE"), ("messages", "REVIEW_TEXT"),
                                           ("messages", "NOTICES"), ("register_messages", "CATALOGUE"),
                                           ("register_messages", "CHANGES"), ("register_messages", "USAGE"),
                                           ("adapter", "MESSAGES"), ("adapter", "WORDS")])
def test_every_entry_is_used_by_name(module, table):
    entries = getattr(importlib.import_module(f"evidencesite.catalogue.{module}"), table)
    dead = sorted(key for key in entries if key not in _literals_outside_the_catalogue())
    assert not dead, f"catalogue.{module}.{table} has entries no code names: {dead}"


@pytest.mark.parametrize("module", TEXT_MODULES)
def test_entries_are_well_formed(module):
    """Named `concern.what`, in Chinese, and fillable: a `{` meant literally is written `{{`."""
    table = importlib.import_module(f"evidencesite.catalogue.{module}").TEXT
    for key, text in table.items():
        assert re.fullmatch(r"[a-z_-]+\.[a-z0-9-]+", key), key
        assert CJK.search(text) or text.strip(" ,,;;:") == "" or key.endswith(("-label", "sums-name")), (key, text)
        fields = [f for _, f, _, _ in __import__("string").Formatter().parse(text) if f is not None]
        assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", f) for f in fields), (key, fields)


def test_say_fills_placeholders_and_names_a_missing_entry():
    from evidencesite.catalogue import commands

    assert commands.say("review.unit-too-long", unit_max_chars=40) == "超过 40 个字"
    with pytest.raises(KeyError):
        commands.say("review.no-such-entry")


def test_every_call_fills_exactly_the_placeholders_of_its_entry():
    """`say("key", name=…)` gives each `{name}` of the entry and nothing else: a missing
    one would fail only when staff meet the message, an extra one means a wording drifted."""
    import string

    tables = [importlib.import_module(f"evidencesite.catalogue.{m}").TEXT for m in TEXT_MODULES]
    entries = {key: text for table in tables for key, text in table.items()}
    assert len(entries) == sum(len(t) for t in tables), "a key is in two catalogue modules"
    wrong = []
    for path in _sources():
        if _in_catalogue(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value in entries and getattr(node.func, "id", "").endswith("say")):
                continue
            if any(k.arg is None for k in node.keywords):
                continue  # **params: checked where they are built
            wanted = {f for _, f, _, _ in string.Formatter().parse(entries[node.args[0].value]) if f}
            given = {k.arg for k in node.keywords}
            if wanted != given:
                wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.args[0].value} wants {sorted(wanted)}, "
                             f"gets {sorted(given)}")
    assert not wrong, "\n".join(wrong)
