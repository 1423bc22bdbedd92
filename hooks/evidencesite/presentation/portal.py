"""Government-site conventions for the footer, from `extra.portal` in mkdocs.yml.

Chinese government websites show who runs them and how to reach them (《政府网站发展指引》):
主办单位, 承办单位, 联系方式, 网站标识码, ICP备案号, 公安机关备案号, and a 网站纠错 link.
Each is shown only when set; nothing is shown for a site that sets none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evidencesite.catalogue.messages import finding
from evidencesite.model import Finding
from evidencesite.catalogue.checks import say

ICP_LOOKUP = "https://beian.miit.gov.cn/"
POLICE_LOOKUP = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}"


@dataclass(frozen=True)
class FooterItem:
    label: str
    text: str
    href: str = ""


FIELDS: dict[str, str] = {
    "sponsor": "主办单位",
    "organizer": "承办单位",
    "contact": "联系方式",
    "site_code": "网站标识码",
    "icp": "ICP备案号",
    "police_record": "公安机关备案号",
}
"""Keys of `extra.portal`, in the order the footer shows them."""
CORRECTIONS = "corrections_url"
"""Key of the 网站纠错 link (a URL)."""


def footer_items(portal: dict[str, Any] | None) -> list[FooterItem]:
    """What the footer shows, in order; empty values are left out."""
    portal = portal or {}
    items: list[FooterItem] = []
    for key, label in FIELDS.items():
        text = _text(portal.get(key))
        if not text:
            continue
        href = ""
        if key == "icp":
            href = ICP_LOOKUP
        elif key == "police_record" and (digits := "".join(re.findall(r"\d", text))):
            href = POLICE_LOOKUP.format(digits=digits)
        items.append(FooterItem(label, text, href))
    corrections = _text(portal.get(CORRECTIONS))
    if corrections and not bad_url(portal):
        items.append(FooterItem("网站纠错", "", corrections))
    return items


def unknown_keys(portal: dict[str, Any] | None) -> list[str]:
    """Keys of `extra.portal` this module does not know (probably misspelt)."""
    return sorted(set(portal or {}) - set(FIELDS) - {CORRECTIONS})


def bad_url(portal: dict[str, Any] | None) -> str:
    """The 网站纠错 address when it is not an http(s) URL (javascript:, file:, data: …):
    the footer leaves such a link out."""
    url = _text((portal or {}).get(CORRECTIONS))
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return url if url and (scheme not in ("http", "https") or not url.split(":", 1)[1].startswith("//")) else ""


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def findings(portal: dict[str, Any] | None, path: str = "mkdocs.yml") -> list[Finding]:
    """What is wrong with `extra.portal`: misspelt keys and a 网站纠错 address that is not
    http(s). The build and `check.py` both report these (the check stage, pipeline/stages.py)."""
    allowed = "、".join([*(f"{k}({v})" for k, v in FIELDS.items()),
                        say("portal.corrections-label", corrections=CORRECTIONS)])
    out = [finding("portal-unknown-key", path=path, field=f"extra.portal.{key}", key=key, allowed=allowed)
           for key in unknown_keys(portal)]
    if bad_url(portal):
        out.append(finding("portal-url", path=path, field=f"extra.portal.{CORRECTIONS}", value=bad_url(portal)[:60]))
    return out
