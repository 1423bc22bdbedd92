"""Photos without metadata: every JPEG and PNG that evidence_files.py put into the build
is swapped for a clean copy (no EXIF, GPS, XMP or comment; upright; longest edge at most
`image_max_px`) from the build cache. Originals in evidence/ are only read.

Must come after evidence_files.py in `hooks:`. An image that cannot be decoded is not
published at all (its metadata could not be removed) and is reported as an error.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite import images
from evidencesite.buildstate import state_of
from evidencesite.cache import Cache
from evidencesite.messages import finding

_PREFIX = "evidence/"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = state_of(config).site
    cache = Cache(site.root / site.settings.cache_dir)
    cited = site.cited_files()
    sizes: dict[str, int] = {}
    for file in [f for f in files if f.src_uri.startswith(_PREFIX) and images.is_photo(f.src_uri)]:
        path = file.src_uri[len(_PREFIX):]
        try:
            copy = images.published_copy(Path(file.abs_src_path), site.settings.image_max_px, cache)
        except images.PhotoError as exc:
            files.remove(file)
            first = cited.get(path, [""])[0]
            site.findings.append(finding("photo-unreadable", path=f"{site.settings.evidence_dir}/{path}", value=path,
                                         reason=str(exc), indicator=first, source=first[:1]))
            continue
        file.abs_src_path = str(copy)
        sizes[path] = copy.stat().st_size
    cache.save()
    for indicator in site.indicators.values():
        for item in indicator.evidence:
            if item.file in sizes:
                item.size = sizes[item.file]
    return files
