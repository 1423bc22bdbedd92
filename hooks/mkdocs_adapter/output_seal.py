"""Files under docs/ that are not pages are published as reviewed (evidencesite/reading/docs_files.py):
photos as their clean copies, files with personal data or unread parts left out of the
public build; a link leading outside docs/ is left out of both.

The public build sealed on what it finally writes (see evidencesite/publishing/sealing.py): URLs
and file names made from titles (a news post's slug, a page's folder) lose their numbers,
and every generated output (feeds, sitemap and its gzip, the offline search script,
exports and the parts inside them) is masked once more after every plugin has written
it. Files copied as they are (theme assets, evidence files) are left alone: the site
review withholds those with personal data before the build.

Belongs just before integrity.py in `FEATURES` (hooks/evidence_site.py): the checksums cover the sealed files.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from evidencesite.text import personal_data
from evidencesite.reading import published_files
from evidencesite.publishing import sealing
from evidencesite.pipeline.buildstate import state_of
from evidencesite.model import Audience
from evidencesite.presentation.publicity import BLOG_PLUGIN


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    blog = config.plugins.get(BLOG_PLUGIN)
    if _public(config) and blog is not None:
        allowed = state_of(config).site.disclosure.allowed
        slugify = blog.config.post_slugify
        blog.config.post_slugify = lambda title, separator: slugify(sealing.safe_uri(title, allowed), separator)
    return config


@event_priority(-90)  # after the blog plugin has given its posts their URLs, and after every feature adding files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A link under docs/ leading elsewhere is an error (published_files.py): its target is
    # published by neither audience.
    real_docs = Path(config.docs_dir).resolve()
    reviewed = state_of(config).site.disclosure.docs_files
    public = _public(config)
    for file in [f for f in files if f.abs_src_path and f.abs_src_path.startswith(os.path.join(config.docs_dir, ""))]:
        if not published_files.leads_inside(file.abs_src_path, real_docs):
            files.remove(file)
        elif public and file.src_uri in reviewed.withheld:
            files.remove(file)
        elif file.src_uri in reviewed.copies:  # a photo: its copy without metadata
            file.abs_src_path = str(reviewed.copies[file.src_uri])
    if not public:
        return files
    allowed = state_of(config).site.disclosure.allowed
    for file in files:
        if personal_data.might_hold(file.dest_uri):
            safe = sealing.safe_uri(file.dest_uri, allowed)
            if safe != file.dest_uri:  # a page's file name, or a post's own `slug:`
                file.dest_uri = safe
                file.url = file._get_url()  # the blog plugin set both explicitly
                file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, safe))
                if hasattr(file.page, "_set_canonical_url"):  # a blog post is a page already
                    file.page._set_canonical_url(config.site_url)
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    state_of(config).copied = frozenset(f.dest_uri for f in files
                                        if f.abs_src_path is not None and not f.is_documentation_page())
    return env


@event_priority(-105)  # after the feeds, the sitemap and the offline search script (-100); before integrity (-110)
def on_post_build(config: MkDocsConfig) -> None:
    if _public(config):
        state = state_of(config)
        sealing.seal_tree(Path(config.site_dir), state.copied, state.site.disclosure.allowed, state.masked_outputs)


def _public(config: MkDocsConfig) -> bool:
    return state_of(config).site.settings.audience is Audience.PUBLIC
