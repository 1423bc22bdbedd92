"""Check a built, copied or unzipped site against the checksums its build wrote.

    python scripts/verify.py SITE_DIR [--key OFFICE_KEY.pub]

Every file of the site is compared with exports/SHA256SUMS, and the evidence files
with exports/evidence-manifest.json; each missing, extra, changed or linked file is
named. An unzipped offline bundle is also checked against its own SHA256SUMS. With
--key, exports/SHA256SUMS must carry the office's signature (scripts/sign.py): the
one check an attacker who rewrites files and checksums together cannot pass.
SITE_DIR may also be the folder an offline bundle was unzipped into, when the site is
its only sub-folder. Exit status (documented in the README):
    0  every file matches
    1  some file is missing, extra or changed
    2  usage error: no such folder, no readable checksum list in it, or an unusable key
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.publishing import integrity
from evidencesite.publishing.signature import SignatureError
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_MISMATCH = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="verify.py", description=say("verify.description"))
    parser.add_argument("site_dir", help=say("verify.help-site-dir"))
    parser.add_argument("--key", type=Path, help=say("verify.help-key"))
    args = parser.parse_args(argv)
    site_dir = _site_dir(Path(args.site_dir))
    if site_dir is None:
        print(say("verify.sums-missing", site_dir=args.site_dir, sums=integrity.SUMS), file=sys.stderr)
        return EXIT_USAGE
    try:
        result = integrity.verify(site_dir)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(say("verify.sums-unreadable", site_dir=site_dir / integrity.SUMS, exc=exc), file=sys.stderr)
        return EXIT_USAGE
    if args.key is not None:
        try:
            result.findings += integrity.check_signature(site_dir, args.key)
        except SignatureError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USAGE
    for found in result.findings:
        print(found.format())
    if result.ignored:
        print(say("verify.ignored", ignored='、'.join(result.ignored)))
    print(say("verify.fingerprint", fingerprint=integrity.fingerprint(site_dir)))
    if args.key is None and (site_dir / integrity.SIGNATURE).is_file():
        print(say("verify.signature-unchecked", signature=integrity.SIGNATURE))
    if result.ok:
        signed = say("verify.signature-valid") if args.key is not None else ""
        print(say("verify.passed", checked=result.checked, signed=signed))
        return EXIT_OK
    counts = {code: sum(1 for f in result.findings if f.code == code)
              for code in ("verify-missing", "verify-extra", "verify-changed", "verify-manifest", "verify-symlink",
                           "verify-bundle-sums", "verify-signature")}
    others = {"verify-symlink": "verify.count-symlink", "verify-bundle-sums": "verify.count-bundle-sums",
              "verify-signature": "verify.count-signature"}
    extra = "".join("," + say(key, count=counts[code]) for code, key in others.items() if counts[code])
    print(say("verify.failed", missing=counts['verify-missing'], added=counts['verify-extra'],
              changed=counts['verify-changed'], manifest=counts['verify-manifest'], extra=extra))
    return EXIT_MISMATCH


def _site_dir(given: Path) -> Path | None:
    """The folder holding exports/SHA256SUMS: the one given, or its only sub-folder."""
    if (given / integrity.SUMS).is_file():
        return given
    subfolders = [p for p in given.iterdir() if p.is_dir()] if given.is_dir() else []
    if len(subfolders) == 1 and (subfolders[0] / integrity.SUMS).is_file():
        return subfolders[0]
    return None


if __name__ == "__main__":
    sys.exit(main())
