"""Office files are zip packages: check what a package declares before anything unpacks it.

A 523 KB workbook can declare gigabytes of XML (a zip bomb); openpyxl and ElementTree
would then build that in memory. Python's zipfile never inflates a member past the
size its directory declares, so checking the declared sizes and ratios here bounds
every later read. Legitimate registers and evidence documents stay far below the limits:
a 2,000-row register unpacks to about 2 MB at a ratio near 10.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from evidencesite.catalogue.reading import say

MAX_UNPACKED = 100 * 1024 * 1024
"""Declared size of all members together: a document needing more is not a document."""
MAX_RATIO = 200
"""Declared size over compressed size, for a member large enough to matter (MIN_CHECKED)."""
MIN_CHECKED = 1024 * 1024
MAX_MEMBERS = 10_000


def package_problem(path: Path) -> str | None:
    """None when the package may be opened; else why not, in Chinese (for a finding's reason).
    A file that is no zip at all is left to the reader, which says so in its own words."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return None
    if len(members) > MAX_MEMBERS:
        return say("zipguard.too-many-parts", member_count=len(members), max_members=MAX_MEMBERS)
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        return (say("zipguard.too-large", total=total / 1024 ** 2, max_unpacked=MAX_UNPACKED // 1024 ** 2))
    for m in members:
        if m.file_size >= MIN_CHECKED and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            return (say("zipguard.ratio-too-high", filename=m.filename,
                        file_size=m.file_size // max(m.compress_size, 1), max_ratio=MAX_RATIO))
    return None
