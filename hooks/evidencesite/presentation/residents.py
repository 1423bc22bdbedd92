"""The public home for residents: the latest news, how to take part, and the rule that a
participation page with no way to reach anyone is not published.

Plain functions over page texts and `extra.portal`; hooks/mkdocs_adapter/residents.py applies them and
registers the macros `latest_news` and `take_part`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from evidencesite.presentation.publicity import page_has_content, page_title
from evidencesite.presentation.render import _md

MACRO_NAMES = ("latest_news", "take_part")
"""The home page's macros (registered by hooks/mkdocs_adapter/residents.py)."""
PARTICIPATION = "participation.md"
"""The participation page (群众参与), relative to docs/."""

# A way to reach someone: a phone number (landline with area code, mobile, a hotline such
# as 12345), an e-mail address, a postal address or a web address for complaints.
_CONTACT = re.compile(
    r"(0\d{2,3}[- ]?\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)12345(?!\d)|[\w.+-]+@[\w-]+\.[\w.-]+"
    r"|(地址|通信地址|邮寄地址|信箱)[::]\s*\S|https?://\S+)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)
_DATE = re.compile(r"^date:[ \t]*[\"']?(\d{4}-\d{2}-\d{2})", re.M)
_DRAFT = re.compile(r"^draft:[ \t]*(true|yes)[ \t]*$", re.M | re.I)


def contact(portal: Mapping[str, Any] | None) -> str:
    """The office's contact details as `extra.portal.contact` gives them, or ""."""
    value = (portal or {}).get("contact")
    return "" if value is None else str(value).strip()


def reachable(page_text: str, portal: Mapping[str, Any] | None) -> bool:
    """Whether a reader of the participation page can reach anyone: the page (comments
    aside) names a phone, e-mail, address or web address, or the portal has a contact.
    A page with no text yet counts as reachable: the sections rule leaves it out anyway,
    with its own notice."""
    if not page_has_content(page_text):
        return True
    return bool(contact(portal)) or bool(_CONTACT.search(_COMMENT.sub("", page_text)))


@dataclass(frozen=True)
class Post:
    path: str
    """Relative to docs/, e.g. news/posts/2021-01-02-work-plan-explained.md."""
    date: dt.date
    title: str


def posts(pages: Iterable[tuple[str, str]], posts_dir: str = "news/posts/") -> list[Post]:
    """The published news posts among (path, text) pairs, newest first."""
    out = []
    for path, text in pages:
        if not path.startswith(posts_dir):
            continue
        front = _FRONT.match(text)
        date = _DATE.search(front.group(1)) if front else None
        if not date or _DRAFT.search(front.group(1)):
            continue
        try:
            day = dt.date.fromisoformat(date.group(1))
        except ValueError:
            continue  # reported by publicity.py; not listed here
        out.append(Post(path, day, page_title(text, posixpath.basename(path))))
    return sorted(out, key=lambda p: (p.date, p.path), reverse=True)


def latest_news(all_posts: list[Post], page: str, count: int = 5) -> str:
    """Markdown: the newest posts, each with its date, linked from `page`."""
    if not all_posts:
        return "暂无创建动态。\n"
    base = posixpath.dirname(page)
    return "\n".join(f"- <time datetime=\"{p.date.isoformat()}\">{p.date.isoformat()}</time> "
                     f"[{_md(p.title)}]({posixpath.relpath(p.path, base or '.')})" for p in all_posts[:count]) + "\n"


def take_part(portal: Mapping[str, Any] | None, page: str, participation_published: bool) -> str:
    """Markdown: how residents take part and whom they reach."""
    lines = []
    office = str((portal or {}).get("sponsor") or "").strip()
    reach = contact(portal)
    if reach:
        lines.append(f"- 联系{_md(office) if office else '我们'}:{_md(reach)}")
    if participation_published:
        link = posixpath.relpath(PARTICIPATION, posixpath.dirname(page) or ".")
        lines.append(f"- [群众参与]({link}):满意度测评怎样进行,意见、投诉和举报向谁反映")
    corrections = str((portal or {}).get("corrections_url") or "").strip()
    if corrections:
        lines.append(f"- 发现本站内容有误,请通过[网站纠错]({corrections})告诉我们")
    if not lines:
        return "联系方式将在这里公布。\n"
    return "\n".join(lines) + "\n"

