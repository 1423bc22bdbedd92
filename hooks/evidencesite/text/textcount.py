"""Text as readers see it, and how its characters are counted.

The self-assessment report may run to at most 2000 characters (work plan 六(六):
篇幅不超过2000字). What counts is the text a reader sees on the page, so the Markdown
is rendered to HTML first and the markup dropped. Then every character counts except
whitespace and invisible format characters:

- counted: Chinese characters, letters, digits and punctuation (full-width or not),
  one each: "2021年" is 5, "A4" is 2, "。" is 1;
- not counted: spaces of any kind (including the full-width space 　), line breaks,
  zero-width characters, and markup: `#`, `**`, `>`, list markers, link addresses,
  image addresses, HTML tags and comments, the permalink sign (¶) after headings.

This is the figure Word and WPS call 字符数(不计空格).
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

import markdown

# What the site's pages use, so that `!!! note "标题"` and tables read as they render.
DEFAULT_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code")
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Zs"}


def count_characters(text: str) -> int:
    """Characters that count: everything but whitespace and invisible format characters."""
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE)


def visible_text(html: str) -> str:
    """The text of an HTML fragment as a reader sees it (no tags, no comments, no scripts,
    no heading permalinks); entities are decoded."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def markdown_to_html(text: str, extensions: list[Any] | None = None, configs: dict[str, Any] | None = None) -> str:
    """Render Markdown the way the site does; unknown or broken extensions fall back to the defaults."""
    body = _without_front_matter(text)
    try:
        return markdown.markdown(body, extensions=list(extensions or DEFAULT_EXTENSIONS),
                                 extension_configs=configs or {})
    except Exception:  # an extension this machine lacks must not stop the count
        return markdown.markdown(body, extensions=list(DEFAULT_EXTENSIONS))


def extensions_from_config(entries: list[Any] | None) -> tuple[list[str], dict[str, Any]]:
    """`markdown_extensions` as mkdocs.yml writes it (names, or one-key mappings) to names and configs."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in entries or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            names.append(str(name))
            if isinstance(config, dict):
                configs[str(name)] = config
    return names, configs


def count_markdown(text: str, extensions: list[Any] | None = None, configs: dict[str, Any] | None = None) -> int:
    """The character count of a Markdown page (front matter left out) as readers see it."""
    return count_characters(visible_text(markdown_to_html(text, extensions, configs)))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def _without_front_matter(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    return _FRONT_MATTER.sub("", text, count=1)


class _TextParser(HTMLParser):
    """Collects character data outside <script>, <style> and heading permalinks."""

    _SKIP = {"script", "style"}
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self._skipping or tag in self._SKIP or (tag == "a" and "headerlink" in classes):
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
