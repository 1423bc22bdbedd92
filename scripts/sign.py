"""Sign a built site's checksum list with the office's own SSH key, at publish time.

    python scripts/sign.py SITE_DIR --key PRIVATE_KEY

Writes SITE_DIR/exports/SHA256SUMS.sig (OpenSSH's SSHSIG format, namespace
"evidence-site") with `ssh-keygen -Y sign`. Whoever receives the site checks it with
`python scripts/verify.py SITE_DIR --key OFFICE_KEY.pub`. The README ("完整性校验")
says how to make the key pair and where to keep the private key. Exit status:
    0  signed
    2  usage error: no such folder, no checksum list in it, or an unusable key
"""

from __future__ import annotations

import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.publishing import integrity, signature
from evidencesite.catalogue.commands import say

EXIT_OK = 0


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="sign.py", description=say("sign.description"))
    parser.add_argument("site_dir", type=Path, help=say("sign.help-site-dir"))
    parser.add_argument("--key", type=Path, required=True, help=say("sign.help-key"))
    args = parser.parse_args(argv)
    sums = args.site_dir / integrity.SUMS
    if not sums.is_file():
        print(say("sign.sums-missing", site_dir=args.site_dir, sums=integrity.SUMS),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        written = signature.sign(sums, args.key)
    except signature.SignatureError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(say("sign.signed", written=written, site_dir=args.site_dir))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
