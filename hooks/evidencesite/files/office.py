"""Word, Excel and WPS files turned into PDF through LibreOffice, when it is installed.

All files go to one `soffice --headless --convert-to pdf` run (starting LibreOffice
costs seconds; converting a file, a fraction of that), with a profile folder of its
own, so a LibreOffice window staff have open, or another conversion running at the
same time, neither blocks it nor is disturbed. Results are kept in the build cache by
the source's content hash: a second package converts nothing that did not change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from evidencesite.files.cache import Cache
from evidencesite.catalogue.reading import say

SUFFIXES = frozenset({".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".odt", ".ods",
                      ".odp", ".rtf"})
SECONDS_BASE, SECONDS_PER_FILE = 60, 30
"""How long one conversion run may take before it is stopped (a damaged file can hang it)."""
_WINDOWS = ("C:/Program Files/LibreOffice/program/soffice.exe", "C:/Program Files (x86)/LibreOffice/program/soffice.exe")
NOT_INSTALLED = say("office.not-installed")


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((p for p in _WINDOWS if Path(p).is_file()), None)


def convert(sources: list[Path], cache: Cache, workdir: Path) -> dict[Path, Path | str]:
    """source -> its PDF, or the reason (Chinese) it could not be converted."""
    results: dict[Path, Path | str] = {}
    pending: dict[str, tuple[Path, Path]] = {}
    for source in dict.fromkeys(sources):
        digest = cache.content_hash(source)
        cached = cache.path("office-pdf", digest, ".pdf")
        if cached.is_file():
            results[source] = cached
        else:
            pending[digest] = (source, cached)
    if not pending:
        return results
    program = soffice()
    if program is None:
        return {**results, **{source: NOT_INSTALLED for source, _ in pending.values()}}
    with tempfile.TemporaryDirectory(prefix="evidence-office-") as temp:
        inputs = []
        for digest, (source, _) in pending.items():
            copy = Path(temp, f"{digest}{source.suffix.lower()}")  # unique names: two 通知.docx must not collide
            shutil.copyfile(source, copy)
            inputs.append(str(copy))
        out = Path(temp, "out")
        command = [program, f"-env:UserInstallation={Path(temp, 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out), *inputs]
        reason = ""
        try:
            subprocess.run(command, capture_output=True, timeout=SECONDS_BASE + SECONDS_PER_FILE * len(inputs),
                           env={**os.environ, "HOME": temp}, check=False)
        except subprocess.TimeoutExpired:
            reason = say("office.timeout")
        except OSError as exc:
            reason = say("office.cannot-start", strerror=exc.strerror or exc)
        for digest, (source, cached) in pending.items():
            made = out / f"{digest}.pdf"
            if not made.is_file() or made.stat().st_size == 0:
                results[source] = reason or say("office.cannot-convert")
                continue
            if not cache.write(cached, made.read_bytes()):
                cached = workdir / f"{digest}.pdf"  # a read-only cache folder: keep it for this run
                shutil.copyfile(made, cached)
            results[source] = cached
    return results
