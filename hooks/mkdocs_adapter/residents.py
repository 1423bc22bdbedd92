"""The public home for residents (evidencesite/presentation/residents.py): the macros `latest_news`
and `take_part`, and a participation page with no way to reach anyone left out of the
build. Must come before navigation.py in `FEATURES` (hooks/evidence_site.py) (the navigation plans its sections
from the files that are left)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from evidencesite.presentation import residents
from evidencesite.pipeline.buildstate import state_of
from evidencesite.catalogue.messages import NOTICES

log = get_plugin_logger("evidence_site")
_ATTRIBUTE = "evidence_site_residents"  # per build, on the config: the posts and whether participation is published


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("macros")
    if plugin is None:
        return config  # dashboards.py says what is missing

    def here() -> str:
        return plugin.page.file.src_uri

    def latest_news(count: int = 5) -> str:
        """最新的创建动态:日期和标题,新的在前。count 是条数,默认 5 条。"""
        return residents.latest_news(getattr(config, _ATTRIBUTE)["posts"], here(), count)

    def take_part() -> str:
        """参与和监督:extra.portal 中的联系方式、群众参与页面和网站纠错链接。"""
        published = getattr(config, _ATTRIBUTE)["participation"]
        return residents.take_part(config.extra.get("portal"), here(), published)

    plugin.register_macros({"latest_news": latest_news, "take_part": take_part})
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    participation = files.get_file_from_path(residents.PARTICIPATION)
    if participation and not residents.reachable(participation.content_string, config.extra.get("portal")):
        files.remove(participation)
        log.info(NOTICES["participation-unreachable"].format(
            path=f"{state_of(config).site.settings.docs_dir}/{residents.PARTICIPATION}"))
        participation = None
    pages = [(f.src_uri, f.content_string) for f in files.documentation_pages() if f.src_uri.startswith("news/")]
    setattr(config, _ATTRIBUTE, {"posts": residents.posts(pages), "participation": participation is not None})
    return files
