"""Photos as published: a re-encoded copy of every JPEG and PNG with no metadata at all
(EXIF with GPS, XMP, comments, text chunks, colour profile), the camera's orientation
applied to the pixels, and the longest edge scaled down to `image_max_px`.

Pillow's plain `save()` drops EXIF and XMP but keeps a JPEG comment, which can hold a
name or a phone number; so the published image is rebuilt from its pixels alone.
Copies are cached under the build cache by the source's content hash and the settings,
so an unchanged photo is not re-encoded on every build. Originals are only read.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from evidencesite.files.cache import Cache
from evidencesite.catalogue.messages import finding
from evidencesite.catalogue.checks import say
from evidencesite.model.site import PhotoReview, Site

if TYPE_CHECKING:
    from PIL import Image


VERSION = 1
"""Bump when the encoding changes, so cached copies are made again."""
SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".jfif": "JPEG", ".jpe": "JPEG", ".png": "PNG"}
JPEG_QUALITY = 85


class PhotoError(Exception):
    """The image cannot be decoded; the message says why, in Chinese."""


def is_photo(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def review(site: Site) -> PhotoReview:
    """Make (or find in the cache) the clean copy of every photo this audience publishes.

    Run when the site loads, so `scripts/check.py` reports an undecodable photo exactly as
    the build does; published items get the copy's size."""
    settings = site.settings
    cache = site.cache
    result = PhotoReview()
    cited = site.cited_files()
    published = sorted({item.file for ind in site.indicators.values() for item in ind.evidence
                        if item.file and is_photo(item.file) and item.is_published(settings.audience)})
    for path in published:
        try:
            result.copies[path] = published_copy(site.evidence.files[path].abs_path, settings.image_max_px, cache,
                                                 settings.image_max_megapixels)
        except PhotoError as exc:
            first = cited.get(path, [""])[0]
            result.findings.append(finding("photo-unreadable", path=settings.evidence_path(path), value=path,
                                            reason=str(exc), indicator=first, source=first[:1]))
    cache.save()
    for ind in site.indicators.values():
        for item in ind.evidence:
            if item.file in result.copies:
                item.size = result.copies[item.file].stat().st_size
    return result


def published_copy(source: Path, max_px: int, cache: Cache, max_megapixels: float = 100) -> Path:
    """The cached clean copy of `source`, made now if it is not there yet."""
    suffix = source.suffix.lower()
    target = cache.path("photos", f"{cache.content_hash(source)}-{max_px}-v{VERSION}", suffix)
    if not target.is_file():
        data = clean(source, SUFFIXES[suffix], max_px, max_megapixels)
        if not cache.write(target, data):
            raise PhotoError(say("images.cache-unwritable", folder=cache.folder))
    return target


def clean(source: bytes | Path, fmt: str, max_px: int, max_megapixels: float = 100) -> bytes:
    """Encode an image (bytes, or a file read as it decodes, never whole into memory) again
    as `fmt` from its pixels only, upright and at most `max_px` on the long edge. One with
    more than `max_megapixels` is refused before it is decoded."""
    # Pillow is imported when a photo is re-encoded: with the build cache warm, none is.
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as original:
            if original.width * original.height > max_megapixels * 1_000_000:
                raise Image.DecompressionBombError("too many pixels")
            original.load()
            image = ImageOps.exif_transpose(original)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        raise PhotoError(_reason(exc)) from None
    image = image.convert(_mode(image, fmt))
    if max(image.size) > max_px:
        image.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    bare = Image.new(image.mode, image.size)
    bare.frombytes(image.tobytes())  # pixels only: no info, no EXIF, no profile, no comment
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        bare.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _mode(image: Image.Image, fmt: str) -> str:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if fmt == "JPEG":
        return "L" if image.mode in ("1", "L", "I;16", "I") else "RGB"
    if image.mode in ("1", "L", "I;16", "I") and not has_alpha:
        return "L"
    return "RGBA" if has_alpha else "RGB"


def _reason(exc: Exception) -> str:
    from PIL import Image

    if isinstance(exc, Image.DecompressionBombError):
        return say("images.too-many-pixels")
    if isinstance(exc, Image.UnidentifiedImageError):
        return say("images.not-an-image")
    return say("images.damaged")
