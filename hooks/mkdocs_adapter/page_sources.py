"""Indicator pages' front matter is parsed once per build, by the loader.

MkDocs would parse every page's front matter again to fill `page.meta`; an indicator
page's front matter is most of the page (evidence lists, problems), and the loader
(hooks/mkdocs_adapter/site_model.py) has parsed and checked it already. So MkDocs is handed the body
alone, and `page.meta` is filled from the loader's reading before any plugin looks
at it (the macros plugin makes its keys page variables). A page the loader could not
read is left to MkDocs as before (indicator_pages.py then shows its errors).
"""

from __future__ import annotations

import copy
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from evidencesite.pipeline.buildstate import state_of
from evidencesite.reading.sourcefile import front_matter_alias, without_front_matter
from evidencesite.text.textsafety import first_control_line, is_special, without_control

_READ = "evidence_site_front_matter"  # on the page object: the front matter this feature kept from MkDocs


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A FIFO, socket or device under docs/ would block the build when read or copied;
    the loader has reported it (page-special), so it is left out."""
    for file in list(files):
        if file.abs_src_path and not file.generated_by and is_special(file.abs_src_path):
            files.remove(file)
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    src = PurePosixPath(page.file.src_uri)
    if page.file.generated_by:
        return None
    site = state_of(config).site
    indicator = site.indicators.get(src.stem) if src.parent.as_posix() == "indicators" and src.suffix == ".md" else None
    if indicator is None or indicator.front_matter is None:
        # The loader has reported a front matter with YAML aliases; MkDocs and the macros
        # plugin would expand them without bound, so they get the body alone.
        text = site.page_texts.get(f"{site.settings.docs_dir}/{src.as_posix()}")
        if text is not None and front_matter_alias(text, ""):
            return without_control(without_front_matter(text))
        if text is not None and first_control_line(text):
            return without_control(text)  # reported by the loader (text-control-char)
        return None
    setattr(page, _READ, indicator.front_matter)
    return indicator.body  # sourcefile.decode has made every line ending "\n"


@event_priority(200)  # before every other page_markdown handler, the macros plugin's included
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    front_matter = getattr(page, _READ, None)
    if front_matter is not None:
        page.meta.update(copy.deepcopy(front_matter))  # the loader's copy is shared between builds
    return markdown
