"""Nothing from other hosts: the site's own scripts and stylesheet and the vendored npm
scripts enter the build, and the built HTML, CSS and JavaScript are scanned for anything another
host would serve (hooks/evidencesite/checks/offsite.py). A reference is an error: it warns
in a draft build and fails a strict one.

For the offline bundle (SITE_OFFLINE=true enables Material's offline plugin) the local
iframe-worker shim is put into `extra.polyfills` before that plugin's on_config runs,
so the plugin does not add its CDN copy.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from evidencesite.pipeline.buildstate import state_of
from mkdocs_adapter.config import offline
from evidencesite.checks.offsite import SCANNER_VERSION
from evidencesite.pipeline.finish import offsite_findings
from evidencesite.presentation.webassets import IFRAME_WORKER_SHIM, OWN_ASSETS, STYLESHEET, scripts_for

_PAGES = "evidence_site_page_sources"  # per-build: built page path -> docs path, for messages
_MEMO = f"offsite-v{SCANNER_VERSION}"  # in the build cache: page digest -> the URLs found in it


@event_priority(100)  # before the offline plugin appends its CDN shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if offline(config):
        polyfills = config.extra.setdefault("polyfills", [])
        if IFRAME_WORKER_SHIM.target not in polyfills:
            polyfills.append(IFRAME_WORKER_SHIM.target)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for target, source in OWN_ASSETS.items():
        files.append(File.generated(config, target, abs_src_path=str(source)))
    for script in scripts_for(offline(config)):
        if script.available:  # a missing one is a finding of the check stage (mkdocs_adapter/site_check.py)
            files.append(File.generated(config, script.target, abs_src_path=str(script.path)))
    docs = Path(config.docs_dir).name
    setattr(config, _PAGES, {f.dest_uri: f"{docs}/{f.src_uri}" for f in files.documentation_pages()})
    return files


@event_priority(50)  # before hooks/mkdocs_adapter/site_model.py reports the findings and the summary
def on_post_build(config: MkDocsConfig) -> None:
    state = state_of(config)
    cache = state.site.cache
    memo = cache.read_json("", _MEMO) or {}  # pages unchanged since the last build are not scanned again
    found = offsite_findings(Path(config.site_dir), config.site_url, getattr(config, _PAGES, {}), memo)
    cache.write_json("", _MEMO, memo)
    state.output_findings.extend(found)

