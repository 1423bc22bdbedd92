"""Photos without metadata: every JPEG and PNG that evidence_files.py put into the build
is swapped for its clean copy (no EXIF, GPS, XMP or comment; upright; longest edge at most
`image_max_px`) from the build cache. Originals in evidence/ are only read.

The copies are made when the site loads (`images.review`, so check.py reports the same
findings); this feature only swaps them in. Must come after evidence_files.py in `FEATURES` (hooks/evidence_site.py).
An image that cannot be decoded is not published at all (its metadata could not be
removed); the loader has reported it as an error.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.checks import images
from evidencesite.model import served_evidence
from evidencesite.pipeline.buildstate import state_of


def on_files(files: Files, config: MkDocsConfig) -> Files:
    copies = state_of(config).site.photos.copies
    for file in [f for f in files if served_evidence(f.src_uri) is not None and images.is_photo(f.src_uri)]:
        copy = copies.get(served_evidence(file.src_uri))
        if copy is None:
            files.remove(file)
        else:
            file.abs_src_path = str(copy)
    return files
