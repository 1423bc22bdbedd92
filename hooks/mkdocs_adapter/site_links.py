"""What needs the site's own addresses: the QR code on each indicator page and the RSS
feed need `site_url`; the "编辑此页" (edit this page) button needs `edit_uri`, the full
address of the Git host's web editor (without `repo_url`: with it, Material's script
asks a GitLab host's API for repository facts from every visitor's browser).

Without them the build still works: it leaves the code, the feed and the button out
and says once, at INFO, what to set in mkdocs.yml. (MkDocs would otherwise make a
relative edit link out of a relative `edit_uri`, and the RSS plugin logs an error.)
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.catalogue.adapter import say
from mkdocs_adapter.config import config_name
from evidencesite.publishing import qrcodes
from evidencesite.pipeline.buildstate import state_of, switch_off_plugin

log = get_plugin_logger("evidence_site")


@event_priority(100)  # before the RSS plugin's own on_config, which fails without site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        switch_off_plugin(config, "rss")
        log.info(say("no-site-url", file=config_name(config)))
    if not (config.repo_url or urlsplit(config.edit_uri or "").scheme in ("http", "https")):
        config.edit_uri = None
        log.info(say("no-edit-uri", file=config_name(config)))
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = PurePosixPath(page.file.src_uri)
    if not qrcodes.is_public_address(config.site_url) or src.parent.as_posix() != "indicators" or src.suffix != ".md":
        return html
    if src.stem not in state_of(config).site.indicators:
        return html
    return qrcodes.figure(qrcodes.indicator_url(config.site_url, src.stem), src.stem) + "\n" + html
