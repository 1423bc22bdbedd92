"""Checksums and zip files for a built site: the offline bundle's packaging.

SHA256SUMS uses the format of GNU `sha256sum` (`<hex>  <path>`, one file a line,
paths with forward slashes, sorted), so `sha256sum -c SHA256SUMS` checks an unzipped
copy on any Linux machine. Zip entries carry one fixed date, so the same site gives
the same archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

from evidencesite.files.atomicwrite import atomic_output, write_atomic
from evidencesite.publishing.integrity import sums_line

CHECKSUMS = "SHA256SUMS"
ZIP64_LIMIT = (1 << 31) - 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def files_under(folder: Path) -> list[Path]:
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def write_checksums(folder: Path) -> Path:
    """Write folder/SHA256SUMS for every other file under folder, names escaped as
    `sha256sum` escapes them (a backslash or line break in a name)."""
    target = folder / CHECKSUMS
    lines = [sums_line(sha256(p), p.relative_to(folder).as_posix()) for p in files_under(folder) if p != target]
    write_atomic(target, ("\n".join(lines) + "\n").encode("utf-8"))
    return target


def zip_folder(folder: Path, dest: Path, prefix: str, date: dt.date) -> None:
    """Zip everything under folder into dest, inside a top folder named prefix.
    Written to a temporary file first, so a failure leaves no half archive; each file is
    streamed in blocks, so a very large evidence file never has to fit in memory."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with atomic_output(dest) as temp:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9, allowZip64=True) as archive:
            for path in files_under(folder):
                info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 for files over 2 GB
                with path.open("rb") as source, archive.open(info, "w", force_zip64=info.file_size > ZIP64_LIMIT) as target:
                    shutil.copyfileobj(source, target, 1 << 20)
