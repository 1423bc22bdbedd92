"""Refresh the browser scripts the site serves itself (hooks/assets/vendor/) from their npm
packages, at the versions package-lock.json pins.

Building and previewing the site needs Python only: the two small scripts are kept in the
repository (with their licences and hooks/assets/vendor/VENDORED.json: package, version,
the lock file's integrity and each file's SHA-256). Only a maintainer who changes a version
in package.json (then `npm install --package-lock-only`) runs this; it needs npm.

Exit status: 0 refreshed, 1 a package could not be fetched or does not match the lock
file's integrity (nothing is changed then), 2 usage error.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from _bootstrap import ChineseArgumentParser

from evidencesite.files.atomicwrite import write_atomic
from evidencesite.presentation.webassets import MANIFEST, REPO, VENDOR, VENDORED, lock_entry
from evidencesite.catalogue.commands import say


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="refresh_vendored.py",
                                   description=say("refresh_vendored.description"))
    parser.parse_args(argv)
    if shutil.which("npm") is None:
        print(say("refresh_vendored.npm-missing"), file=sys.stderr)
        return 1
    staged: dict[Path, bytes] = {}
    record = []
    with tempfile.TemporaryDirectory() as tmp:
        for package in sorted({s.package for s in VENDORED}):
            entry = lock_entry(package)
            try:
                packed = subprocess.run(["npm", "pack", f"{package}@{entry['version']}", "--silent"], cwd=tmp,
                                        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            except (subprocess.CalledProcessError, IndexError) as exc:
                print(say("refresh_vendored.download-failed", package=package, version=entry['version'], reason=getattr(exc, 'stderr', '') or exc),
                      
                      file=sys.stderr)
                return 1
            tarball = (Path(tmp) / packed).read_bytes()
            algorithm, _, expected = entry["integrity"].partition("-")
            if base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode() != expected:
                print(say("refresh_vendored.integrity-mismatch", package=package, version=entry['version']),
                      file=sys.stderr)
                return 1
            with tarfile.open(Path(tmp) / packed) as archive:
                def member(name: str) -> bytes:
                    return archive.extractfile(f"package/{name}").read()
                files = {}
                for script in (s for s in VENDORED if s.package == package):
                    staged[script.path] = member(script.source)
                    files[script.path.name] = hashlib.sha256(staged[script.path]).hexdigest()
                staged[VENDOR / package / "LICENSE"] = member("LICENSE")
            record.append({"package": package, "version": entry["version"], "license": entry.get("license", ""),
                           "integrity": entry["integrity"], "files": files})
    for path, data in staged.items():
        write_atomic(path, data)
    write_atomic(MANIFEST, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    print(say("refresh_vendored.updated", record_count=len(record),
              packages=', '.join(r['package'] + '@' + r['version'] for r in record),
              manifest=MANIFEST.relative_to(REPO).as_posix()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
