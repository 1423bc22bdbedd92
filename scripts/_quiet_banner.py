"""Silence Material's English end-of-life banner for every command run with this venv
(`mkdocs build`, `mkdocs serve`, the scripts), not only under make.

Material prints the banner when its theme module is imported, before any hook of this
site can run, unless NO_MKDOCS_2_WARNING is set. A `.pth` file in the venv's
site-packages is run by Python at start-up (the standard `site` mechanism), so it sets
the variable for every process of this venv. Run once after installing the venv (make
does; on Windows: `.venv\\Scripts\\python scripts\\_quiet_banner.py`).
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

import _bootstrap  # noqa: F401 - puts hooks/ on sys.path for the catalogue
from evidencesite.catalogue.commands import say

NAME = "evidence_site_quiet_banner.pth"
LINE = 'import os; os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")\n'


def main() -> int:
    target = Path(sysconfig.get_paths()["purelib"]) / NAME
    if not (target.is_file() and target.read_text(encoding="utf-8") == LINE):
        target.write_text(LINE, encoding="utf-8")
    print(say("quiet_banner.banner-off", target=target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
