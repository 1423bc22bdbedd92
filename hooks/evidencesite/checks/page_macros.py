"""The braces in pages, checked before anything renders them, so `scripts/check.py` and
the build report the same errors and a draft build goes on.

Every page under docs/ is Jinja to the macros plugin (`{{ overall_progress() }}`): a
stray `{{`, a name that is no macro or variable, or a macro called with arguments it
cannot use would otherwise stop the whole build (`on_error_fail: true`) — one typo and
nobody sees the rest of the site. Here each page's body is parsed and rendered with the
site's real macros (on a Board of this site) and every other name left harmless; a
problem is a finding on its page and line. The build then leaves such a page's braces
unrendered (hooks/mkdocs_adapter/page_macros.py), as a draft shows any other error.

Pages that cannot be read are left out here: the loader reports them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.exceptions import TemplateSyntaxError, UndefinedError

from evidencesite.presentation import macros
from evidencesite.presentation.guide import MACRO_NAMES as GUIDE_MACROS
from evidencesite.presentation.residents import MACRO_NAMES as RESIDENT_MACROS
from evidencesite.model.site import Site
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.reading.pages import rel_path
from evidencesite.figures.progress import Board
from evidencesite.reading.schema import did_you_mean
from evidencesite.reading.sourcefile import SourceError, parse_yaml, read_text
from evidencesite.catalogue.checks import say

PLUGIN_NAMES = frozenset({
    "extra", "config", "environment", "plugin", "git", "macros", "filters", "filters_builtin",
    "context", "macros_info", "now", "fix_url", "page", "navigation", "files",
})
"""What mkdocs-macros would give every page besides the registered macros. None of it is
given here: `{{ page.meta.evidence }}`, `{{ config }}`, `{{ git }}` or `{{ macros_info() }}`
published non-public titles, the build machine's paths and the committer's e-mail."""
PLUGIN_FILTERS = frozenset({"pretty", "relative_url"})
ALLOWED = frozenset(macros.MACROS) | frozenset(GUIDE_MACROS) | frozenset(RESIDENT_MACROS)
"""The allow-list: a page body reaches the project's own macros and nothing else (no
variable, no front-matter field, no setting); Jinja's harmless built-ins (range …) stay."""
_MARKERS = ("{{", "{%", "{#")
_FRONT = re.compile(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)


def known_names(extra: dict[str, Any] | None = None) -> frozenset[str]:
    """Every name a page may use: the allow-list (mkdocs.yml's `extra` keys are no longer
    among them; the parameter stays for callers that pass it)."""
    return ALLOWED


def sandbox(base: jinja2.Environment, functions: dict[str, Any]) -> SandboxedEnvironment:
    """An environment like `base` (its delimiters and filters) whose only globals are
    Jinja's harmless built-ins and the allowed `functions`; sandboxed, so nothing reaches
    a function's module or the process through attributes (`x.__globals__`)."""
    env = SandboxedEnvironment(
        block_start_string=base.block_start_string, block_end_string=base.block_end_string,
        variable_start_string=base.variable_start_string, variable_end_string=base.variable_end_string,
        comment_start_string=base.comment_start_string, comment_end_string=base.comment_end_string,
        undefined=base.undefined, extensions=list(base.extensions))
    env.filters.update(base.filters)
    env.globals = {**DEFAULT_NAMESPACE, **project_macros(functions)}
    return env


def project_macros(registered: dict[str, Any]) -> dict[str, Any]:
    """The registered macros a page may call: this project's (hooks register them), never
    mkdocs-macros' own (`context()`, `macros_info()` list every variable, config included)."""
    return {name: f for name, f in registered.items()
            if name not in PLUGIN_NAMES and (name in ALLOWED or not getattr(f, "__module__", "").startswith("mkdocs_macros"))}


def findings(site: Site, board: Board, names: Collection[str]) -> list[Finding]:
    """Every page under docs/ whose braces the build could not render, as findings."""
    out: list[Finding] = []
    env = _environment()
    for path, text, line in _pages(site):
        if not any(marker in text for marker in _MARKERS):
            continue
        body, first_line, page_names = _body(text, path, line)
        problem = _check(env, body, path, board, set(names), PLUGIN_NAMES | page_names)
        if problem:
            ind = site.indicator_at(path)
            out.append(replace(problem, line=problem.line and problem.line + first_line - 1,
                               indicator=ind.id if ind else "", source=ind.source if ind else ""))
    return out


def _pages(site: Site) -> Iterator[tuple[str, str, int]]:
    """(path, text, 1) for every page under docs/ that can be read."""
    docs = site.root / site.settings.docs_dir
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if n.endswith(".md") and not n.startswith(".")):
            path = rel_path(Path(folder, name), site.root)
            text = site.page_texts.get(path)  # the indicator pages the loader has read already
            try:
                text = text if text is not None else read_text(Path(folder, name), path)
            except SourceError:
                continue
            yield path, text, 1


def _body(text: str, path: str, line: int) -> tuple[str, int, set[str]]:
    """The body MkDocs hands the macros plugin, the file line it starts on, and the front
    matter's keys (the plugin makes them variables of the page)."""
    m = _FRONT.match(text)
    if not m:
        return text, line, set()
    try:
        data = parse_yaml(m.group(1), path, first_line=2).data
    except SourceError:
        data = None
    keys = set(data) if isinstance(data, dict) else set()
    return text[m.end():], line + text.count("\n", 0, m.end()), keys


def _check(env: jinja2.Environment, body: str, path: str, board: Board, names: set[str],
           withheld: Collection[str] = ()) -> Finding | None:
    try:
        tree = env.parse(body)
    except TemplateSyntaxError as exc:
        return finding("macro-syntax", path=path, line=exc.lineno, detail=_syntax_detail(exc))
    for name in sorted(jinja_meta.find_undeclared_variables(tree) - names):
        if name in withheld:
            return finding("macro-not-allowed", path=path, line=_line_of(body, name), macro=name,
                           known="、".join(macros.MACROS))
        return finding("macro-unknown", path=path, line=_line_of(body, name), macro=name,
                       known="、".join(macros.MACROS), suggestion=did_you_mean(name, list(macros.MACROS), {}))
    page = path.split("/", 1)[1] if "/" in path else path
    bound = {name: _bound(name, board, page) for name in macros.MACROS}
    try:
        env.from_string(tree).render(bound)
    except macros.MacroError as exc:
        return replace(exc.finding, path=path, line=macros.template_line(exc))
    except SecurityError as exc:
        return finding("macro-not-allowed", path=path, line=macros.template_line(exc), macro=f".{exc}",
                       known="、".join(macros.MACROS))
    except (UndefinedError, TypeError, ValueError, jinja2.TemplateError) as exc:
        return finding("macro-syntax", path=path, line=macros.template_line(exc), detail=_syntax_detail(exc))
    return None


def _bound(name: str, board: Board, page: str):
    def call(*args: Any, **kwargs: Any) -> str:
        return macros.call(name, macros.Context(board, page), *args, **kwargs)
    return call


class _Harmless(jinja2.ChainableUndefined):
    """Any other name the plugin provides (page, config, the guide's macros …) renders as
    nothing here, called or not: unknown names were reported before rendering."""

    def __call__(self, *args: Any, **kwargs: Any) -> "_Harmless":
        return self


class _StrictSandbox(SandboxedEnvironment):
    """Refuses an unsafe attribute at once (the plain sandbox hands back an undefined
    value, which an undefined that prints as nothing would hide from the check)."""

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise SecurityError(attribute)


def _environment() -> jinja2.Environment:
    env = _StrictSandbox(undefined=_Harmless)
    env.filters.update({name: (lambda value, *a, **k: value) for name in PLUGIN_FILTERS})
    return env


_SYNTAX_WORDS = {
    "unexpected '}'": say("page_macros.extra-close"),
    "unexpected end of template": say("page_macros.unclosed"),
    "unexpected char": say("page_macros.unknown-char"),
    "expected token 'end of print statement'": say("page_macros.one-macro"),
    "Encountered unknown tag": say("page_macros.unknown-tag"),
    "tag name expected": say("page_macros.empty-tag"),
}


def _syntax_detail(exc: Exception) -> str:
    message = (getattr(exc, "message", None) or str(exc)).lower()
    for english, chinese in _SYNTAX_WORDS.items():
        if english.lower() in message:
            return chinese
    return say("page_macros.syntax")


def _line_of(body: str, name: str) -> int | None:
    for n, line in enumerate(body.split("\n"), start=1):
        if re.search(r"(\{\{|\{%)[^}]*\b" + re.escape(name) + r"\b", line):
            return n
    return None
