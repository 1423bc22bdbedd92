"""Publicity sections: 自评报告, 创建动态 (news posts), 政策文件, 群众参与 and the staff guide.

A section is a page or a folder under docs/ named in `Settings.sections`; sections go
last in the navigation, in that order, each under the title of its page (or of its
folder's index.md). A section with no content is not published: a page has content
when it has text besides headings and comments, a folder when one of its pages has,
and the news folder when it has a post. Folder pages are listed index first, then in
the order the index links to them, then the rest by name.

News posts (Material's blog, `post_dir` under the blog folder) must carry an ISO date
and categories from the blog's `categories_allowed`; a post that does not is reported
here (so `scripts/check.py` sees it too) and left out of the build rather than
stopping it with the blog plugin's own English error.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidencesite.reading import schema
from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.model.settings import Settings
from evidencesite.reading.sourcefile import SourceError, read_text, split_page
from evidencesite.catalogue.checks import say

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\{[^}]*\})?[ \t]*$", re.MULTILINE)
_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_DRAFT = re.compile(r"^draft:[ \t]*(?:true|True|TRUE|yes)[ \t]*$", re.MULTILINE)
_LINK = re.compile(r"\]\(\s*<?([^)\s#>]+\.md)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------------------
# The blog (创建动态)
# ---------------------------------------------------------------------------


BLOG_PLUGIN = "material/blog"
"""The blog plugin's name in a loaded build (`config.plugins`); mkdocs.yml may also write `blog`."""
_BLOG_NAMES = ("blog", BLOG_PLUGIN)


@dataclass(frozen=True)
class Blog:
    """Where Material's blog keeps its posts, and the categories it allows."""

    blog_dir: str = "blog"
    """Relative to docs/."""
    post_dir: str = "blog/posts"
    """Relative to docs/."""
    categories: tuple[str, ...] = ()
    """Allowed categories; empty means any."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> "Blog":
        """From the blog plugin's options, as mkdocs.yml writes them or as MkDocs loaded them."""
        blog_dir = posixpath.normpath(str(options.get("blog_dir") or "blog"))
        post_dir = posixpath.normpath(str(options.get("post_dir") or "{blog}/posts").format(blog=blog_dir))
        return cls(blog_dir, post_dir, tuple(str(c) for c in options.get("categories_allowed") or ()))

    @property
    def index_page(self) -> str:
        """The blog's own page (创建动态), relative to docs/."""
        return f"{self.blog_dir}/index.md"

    def is_post(self, docs_path: str) -> bool:
        return docs_path.startswith(self.post_dir.rstrip("/") + "/") and docs_path.endswith(".md")


def blog_of(plugins: Mapping[str, Any]) -> Blog | None:
    """The blog of a loaded build (`config.plugins`, name -> plugin object with its options
    in `.config`), if it has one: the lookup every step of the build shares."""
    plugin = plugins.get(BLOG_PLUGIN)
    return Blog.from_options(plugin.config) if plugin is not None else None


def blog_in_mkdocs_yml(config: Mapping[str, Any]) -> Blog | None:
    """The blog configured in a mkdocs.yml read as plain data, if any."""
    for entry in config.get("plugins") or ():
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()), ("", {}))
        if str(name) in _BLOG_NAMES and (options or {}).get("enabled", True) is not False:
            return Blog.from_options(options or {})
    return None


def post_findings(root: Path, settings: Settings) -> list[Finding]:
    """Every problem in the news posts that would stop the blog or mislead readers."""
    blog = blog_in_mkdocs_yml(settings.engine_config(Path(root)))
    if blog is None:
        return []
    out: list[Finding] = []
    for path, file in _posts(Path(root), settings, blog):
        out.extend(_check_post(file, path, blog))
    return out


def publishable_posts(root: Path, settings: Settings, blog: Blog) -> list[str]:
    """Posts (paths relative to the site root) that are valid, not drafts and say something."""
    out = []
    for path, file in _posts(Path(root), settings, blog):
        try:
            text = read_text(file, path)
        except SourceError:
            continue
        if not _check_post(file, path, blog) and page_has_content(text):
            out.append(path)
    return out


def _posts(root: Path, settings: Settings, blog: Blog) -> list[tuple[str, Path]]:
    folder = root / settings.docs_dir / blog.post_dir
    if not folder.is_dir():
        return []
    return [(f.relative_to(root).as_posix(), f) for f in sorted(folder.rglob("*.md")) if f.is_file()]


def _check_post(file: Path, path: str, blog: Blog) -> list[Finding]:
    try:
        page = split_page(read_text(file, path), path)
    except SourceError as exc:
        if exc.finding.code == "frontmatter-missing":
            return [finding("post-date-missing", path=path, line=1, field="date")]
        return [exc.finding]
    parsed = page.front_matter
    data = parsed.data if isinstance(parsed.data, dict) else {}
    out = list(parsed.findings)
    allowed = "、".join(blog.categories) or say("publicity.any-category")
    date = data.get("date")
    if date in (None, ""):
        out.append(finding("post-date-missing", path=path, line=parsed.line(()), field="date"))
    elif not (isinstance(date, str) and _ISO_DATE.match(date) and _real_date(date)):
        out.append(finding("post-date-format", path=path, line=parsed.line(("date",)), field="date", value=date))
    categories = data.get("categories")
    if isinstance(categories, str):
        categories = [categories]
    if not categories or not isinstance(categories, list):
        out.append(finding("post-category-missing", path=path, line=parsed.line(()), field="categories",
                           allowed=allowed))
    elif blog.categories:
        for i, name in enumerate(categories):
            if str(name) not in blog.categories:
                out.append(finding("post-category-unknown", path=path, line=parsed.line(("categories", i)),
                                   field=say("publicity.category-item", number=i + 1), value=name, allowed=allowed,
                                   suggestion=schema.did_you_mean(str(name), list(blog.categories), {})))
    return out


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


@dataclass
class Section:
    """One entry of `Settings.sections` as this build sees it."""

    entry: str
    """As written in the settings: 'participation.md' or 'news/' (relative to docs/)."""
    title: str
    pages: list[str] = field(default_factory=list)
    """Pages for the navigation, relative to docs/, in order (a folder's index first)."""
    members: list[str] = field(default_factory=list)
    """Every page that belongs to the section (what is left out when it is not published)."""
    has_content: bool = False

    @property
    def is_folder(self) -> bool:
        return self.entry.endswith("/")


def page_has_content(text: str) -> bool:
    """Whether a page says anything besides its headings and comments (a draft says nothing yet)."""
    text = text.replace("\r\n", "\n")
    front = _FRONT_MATTER.match(text)
    if front:
        if _DRAFT.search(front.group(1)):
            return False
        text = text[front.end():]
    text = _HEADING.sub("", _COMMENT.sub("", text))
    return bool(text.strip())


def page_title(text: str, fallback: str) -> str:
    """The page's `title:` or its first level-1 heading, as MkDocs would name it."""
    text = text.replace("\r\n", "\n")
    front = _FRONT_MATTER.match(text)
    if front:
        title = _TITLE.search(front.group(1))
        if title:
            return title.group(1).strip("\"'")
        text = text[front.end():]
    heading = _H1.search(_COMMENT.sub("", text))
    return heading.group(1).strip() if heading else fallback


def plan_sections(entries: Sequence[str], pages: Sequence[str], read: Callable[[str], str],
                  blog: Blog | None = None) -> list[Section]:
    """The sections named in `entries` that exist among `pages` (paths relative to docs/)."""
    out = []
    for entry in entries:
        if entry.endswith("/"):
            section = _folder_section(entry, pages, read, blog)
        elif entry in pages:
            text = read(entry)
            section = Section(entry, page_title(text, entry), [entry], [entry], page_has_content(text))
        else:
            continue
        if section:
            out.append(section)
    return out


def _folder_section(entry: str, pages: Sequence[str], read: Callable[[str], str], blog: Blog | None) -> Section | None:
    members = sorted(p for p in pages if p.startswith(entry))
    if not members:
        return None
    index = entry + "index.md"
    index_text = read(index) if index in members else ""
    title = page_title(index_text, entry.rstrip("/"))
    if blog and entry.rstrip("/") == blog.blog_dir:
        posts = [p for p in members if blog.is_post(p)]
        nav = [index] if index in members else []
        return Section(entry, title, nav, members, any(page_has_content(read(p)) for p in posts))
    linked = [posixpath.normpath(posixpath.join(entry, m)) for m in _LINK.findall(index_text)]
    order = {path: n for n, path in enumerate(dict.fromkeys(linked))}
    rest = [p for p in members if p != index]
    rest.sort(key=lambda p: (order.get(p, len(order)), p))
    nav = ([index] if index in members else []) + rest
    return Section(entry, title, nav, members, any(page_has_content(read(p)) for p in members))
