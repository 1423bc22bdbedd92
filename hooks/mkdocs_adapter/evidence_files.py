"""Evidence files into the build: the files pages cite, served at /evidence/<path>.

Only files cited by an item this audience may see are published (with the snapshots of
the news links it may see); uncited files stay out (they are advice). The framework file is data, not a page, and is not published.
A page that cannot be decoded (any page under docs/) is replaced by an empty virtual page
so MkDocs does not stop with an encoding traceback; an indicator page then shows its error.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from evidencesite.reading import snapshots
from evidencesite.model import evidence_href
from evidencesite.pipeline.buildstate import state_of
from evidencesite.reading.sourcefile import UNDECODABLE


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = state_of(config).site
    audience = site.settings.audience
    published = {item.file for ind in site.indicators.values() for item in ind.evidence
                 if item.file and item.is_published(audience)} | snapshots.published_files(site, audience)
    for path in sorted(published):
        files.append(File.generated(config, evidence_href(path), abs_src_path=str(site.evidence.files[path].abs_path)))
    framework = files.get_file_from_path("indicators/framework.yml")
    if framework:
        files.remove(framework)
    docs = site.settings.docs_dir + "/"
    for finding in site.findings:
        if finding.code in UNDECODABLE and finding.path.startswith(docs):
            src = finding.path[len(docs):]
            original = files.get_file_from_path(src)
            if original:
                files.remove(original)
                files.append(File.generated(config, src, content=""))
    return files
