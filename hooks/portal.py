"""The footer's government-site details (主办单位 … 网站纠错): computed in Python from
`extra.portal` and handed to overrides/partials/copyright.html, which only lays them out.
A misspelt key is reported, so a field that never appears does not go unnoticed.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from evidencesite.portal import FIELDS, bad_url, footer_items, unknown_keys

log = get_plugin_logger("evidence_site")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    portal = config.extra.get("portal")
    for key in unknown_keys(portal):
        log.warning(f"mkdocs.yml 的 extra.portal 中有不认识的设置 {key},页脚不会显示它。"
                    f"修改方法:改成以下之一:{'、'.join(f'{k}({v})' for k, v in FIELDS.items())}、corrections_url(网站纠错)。")
    if bad_url(portal):
        log.warning(f"mkdocs.yml 的 extra.portal.corrections_url 不是以 http:// 或 https:// 开头的网址"
                    f"(现在是“{bad_url(portal)[:60]}”),页脚不显示网站纠错链接。"
                    "修改方法:填写政府网站找错平台给本站的完整地址,以 https:// 开头。")
    env.globals["evidence_site_footer"] = footer_items(portal)
    return env
