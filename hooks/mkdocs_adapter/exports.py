"""The downloads under exports/: 工作台账 and 整改台账 as xlsx and CSV, indicators.json.

They are made in memory while the build collects its files, and enter the build as
files of their own, so pages link to them like to any page (and MkDocs checks the
links). Each is written to a temporary file and renamed into place: a failed export
fails the build and leaves no half file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from evidencesite.catalogue.adapter import say
from evidencesite.pipeline.buildstate import state_of
from evidencesite.files.atomicwrite import write_atomic


class _AtomicFile(File):
    """A generated file written through a temporary file and a rename."""

    def copy_file(self, dirty: bool = False) -> None:
        write_atomic(Path(self.abs_dest_path), self.content_bytes)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        made = state_of(config).plan.downloads
    except Exception as exc:  # say which step failed, in staff's words; the build stops here
        raise PluginError(say("exports-failed", error=f"{type(exc).__name__}: {exc}")) from exc
    for path, data in made.items():
        files.append(_AtomicFile.generated(config, path, content=data))
    return files
