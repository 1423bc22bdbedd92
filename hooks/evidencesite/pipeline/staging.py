"""A staged site: every page as the build finally made it, in files any engine reads.

scripts/stage.py runs the normal build with a capture plugin and hands what it saw to
these plain functions, which know nothing of MkDocs' objects:

- a page becomes Markdown whose body is the page's final HTML (evidence block, macros,
  tables, masking already done) as raw HTML blocks, which Python-Markdown (and so stock
  MkDocs, ProperDocs) passes through untouched; its front matter keeps what the theme
  reads (title, description, hide, search, tags …);
- each page is written where it gives the same URL as in the normal build;
- the site's config keeps what the theme and plugins need, without `hooks:` and the
  macros plugin, with the navigation written out.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from typing import Any

import yaml

from evidencesite.catalogue.commands import say

THEME_META = ("title", "description", "hide", "search", "tags", "status", "subtitle", "icon", "template", "comments")
"""Front-matter keys stock MkDocs and Material read; the others were for the build's hooks."""

# Python-Markdown's block-level tags (markdown.Markdown.block_level_elements): a raw HTML
# block must start with one of them to be passed through without a <p> around it.
BLOCK_TAGS = frozenset("""address article aside blockquote details div dl fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup dd body dt group html
iframe li legend math map noscript output object option progress script style summary tbody td textarea tfoot th
thead tr video center""".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def staged_path(src_uri: str, dest_uri: str, keep_name: bool, use_directory_urls: bool = True) -> str:
    """The file under the staged docs/ that gives the page at `dest_uri`: with `keep_name`,
    its own source path when that still lands there (MkDocs reads the file name: Material's
    navigation.indexes makes any index.md in a section the section's own page, and the
    "编辑此页" link names it); else, and for a page whose address the build changed (a blog
    post, a name the public build masked), a path whose folder is the page's address
    (indicators/N001/index.md for indicators/N001/index.html), so a relative link in its
    HTML means the same to an engine that reads it against the source file (Zensical)."""
    if keep_name and _dest_of(src_uri, use_directory_urls) == dest_uri:
        return src_uri
    stem = dest_uri[:-len(".html")] if dest_uri.endswith(".html") else dest_uri
    return stem + ".md"


def _dest_of(src_uri: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes the page `src_uri` (mkdocs.structure.files.File._get_dest_path)."""
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if not use_directory_urls or stem in ("index", "README"):
        return posixpath.join(parent, ("index" if stem == "README" else stem) + ".html")
    return posixpath.join(parent, stem, "index.html")


def page_markdown(html: str, meta: dict[str, Any]) -> str:
    """The staged page: front matter (only THEME_META keys), then the page's HTML as raw blocks."""
    kept = {key: meta[key] for key in THEME_META if key in meta and meta[key] is not None}
    front = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=10_000) if kept else ""
    head = f"---\n{front}---\n\n" if front else ""
    return head + raw_blocks(html)


def raw_blocks(html: str) -> str:
    """`html` as Markdown that converts back to the same HTML: each top-level element on
    lines of its own, a blank line between, so Python-Markdown stashes it as one raw block.

    Top-level text and inline elements (which Markdown would wrap in <p>) do not occur
    in a page's HTML, whose top level is always blocks; when they do, they are kept in
    one <p> together, the nearest Markdown gets."""
    parts = _TopLevel.split(html)
    out = []
    for kind, text in parts:
        if kind == "space":
            continue
        text = text.strip("\n") if kind == "block" else text.strip()
        out.append(markdown_heading(text) or text)
    return "\n\n".join(out) + "\n"


_HEADING = re.compile(r'<h([1-6]) id="([^"<>]+)">(.*)<a class="headerlink" href="#\2" title="Permanent link">&para;</a></h\1>\Z',
                      re.DOTALL)
_INLINE_PARTS = re.compile(r"(<[^>]*>|&[#\w]+;)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")  # Python-Markdown's ESCAPED_CHARS


def markdown_heading(html: str) -> str | None:
    """A heading the toc extension made (an id and its permalink) as the Markdown heading
    that gives it back, so the staged page keeps its table of contents; None for any
    other element, which stays raw HTML."""
    m = _HEADING.match(html)
    if m is None or "\n" in m.group(3):
        return None
    level, anchor, inner = m.groups()
    text = "".join(part if part.startswith(("<", "&")) else _MARKDOWN_SPECIAL.sub(r"\\\1", part)
                   for part in _INLINE_PARTS.split(inner) if part)
    if not text.strip():
        return None
    return f"{'#' * int(level)} {text} {{#{anchor}}}"


class _TopLevel(HTMLParser):
    """Cut HTML into its top-level nodes, each as its exact source text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.lines = [0]
        for m in re.finditer("\n", html):
            self.lines.append(m.end())
        self.depth = 0
        self.starts: list[tuple[int, str]] = []  # (offset, kind) where a top-level node begins
        self.open_tag = ""

    @classmethod
    def split(cls, html: str) -> list[tuple[str, str]]:
        parser = cls(html)
        parser.feed(html)
        parser.close()
        bounds = parser.starts + [(len(html), "")]
        parts: list[tuple[str, str]] = []
        if bounds[0][0] > 0:
            parts.append(_classify("text", html[:bounds[0][0]]))
        for (start, kind), (end, _) in zip(bounds, bounds[1:]):
            parts.append(_classify(kind, html[start:end]))
        merged: list[tuple[str, str]] = []
        for kind, text in parts:  # runs of inline nodes and text become one paragraph
            if kind == "inline" and merged and merged[-1][0] == "inline":
                merged[-1] = ("inline", merged[-1][1] + text)
            else:
                merged.append((kind, text))
        return merged

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _begin(self, kind: str) -> None:
        if self.depth == 0:
            self.starts.append((self._offset(), kind))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._begin("block" if tag in BLOCK_TAGS else "inline")
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._begin("block" if tag in BLOCK_TAGS else "inline")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        self._begin("text")

    def handle_entityref(self, name: str) -> None:
        self._begin("text")

    def handle_charref(self, name: str) -> None:
        self._begin("text")

    def handle_comment(self, data: str) -> None:
        self._begin("block")  # Markdown passes a comment on a line of its own through

    def handle_decl(self, decl: str) -> None:
        self._begin("block")


def _classify(kind: str, text: str) -> tuple[str, str]:
    if kind == "text":
        return ("space", text) if not text.strip() else ("inline", text)
    return kind, text


def footer_template(template: str, items: list[dict[str, str]]) -> str:
    """The theme's footer partial with the footer the build computed written into it, so
    it shows without the hook that hands the template its items (hooks/portal.py)."""
    literal = json.dumps(items, ensure_ascii=True)  # Jinja reads JSON's \\u escapes in its string literals
    return "{%- set evidence_site_footer = " + literal + " -%}\n" + template


DROPPED_KEYS = ("hooks", "watch", "nav", "not_in_nav", "docs_dir", "site_dir", "INHERIT")
"""Settings of the hooked build the staged config does not carry over (or sets anew)."""


def config_text(raw: dict[str, Any], *, nav: list, not_in_nav: list[str], plugins: list, site_url: str | None,
                use_directory_urls: bool, edit_uri: str | None, extra: dict[str, Any], extra_css: list[str],
                extra_javascript: list, custom_dir: str | None, dictionary: str) -> str:
    """The staged mkdocs.yml: `raw` (the site's own settings, environment values resolved)
    with what the build decided written in, and nothing only the hooks read."""
    config = {k: v for k, v in raw.items() if k not in DROPPED_KEYS}
    config.update(docs_dir="docs", site_dir="site", use_directory_urls=use_directory_urls)
    for key, value in (("site_url", site_url), ("edit_uri", edit_uri)):
        if value:
            config[key] = value
        else:
            config.pop(key, None)
    theme = dict(config.get("theme") or {})
    theme.pop("custom_dir", None)
    if custom_dir:
        theme["custom_dir"] = custom_dir
    config["theme"] = theme
    config["plugins"] = [_with_dictionary(p, dictionary) for p in plugins]
    config["extra"] = extra
    config["extra_css"] = extra_css
    config["extra_javascript"] = extra_javascript
    config["nav"] = nav
    if not_in_nav:
        config["not_in_nav"] = "\n".join(not_in_nav)
    head = say("stage.config-head", dictionary=dictionary)
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000)


def _with_dictionary(plugin: Any, dictionary: str) -> Any:
    """The search plugin told to load the campaign's words, as hooks/search_terms.py does."""
    name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
    if name not in ("search", "material/search"):
        return plugin
    return {name: {**(options or {}), "jieba_dict_user": dictionary}}
