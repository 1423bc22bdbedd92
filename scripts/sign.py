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

EXIT_OK = 0


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="sign.py", description="发布前用本单位的私钥给网站的校验清单签名。")
    parser.add_argument("site_dir", type=Path, help="构建好的网站目录,例如 site")
    parser.add_argument("--key", type=Path, required=True, help="本单位的私钥文件(ssh-keygen 生成,例如 发布单位)")
    args = parser.parse_args(argv)
    sums = args.site_dir / integrity.SUMS
    if not sums.is_file():
        print(f"{args.site_dir} 中找不到 {integrity.SUMS}:请先构建网站,再写明网站目录,例如 python scripts/sign.py site --key 发布单位",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        written = signature.sign(sums, args.key)
    except signature.SignatureError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(f"已签名:{written}。核对方法:python scripts/verify.py {args.site_dir} --key 发布单位公钥.pub")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
