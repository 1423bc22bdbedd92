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

EXIT_OK, EXIT_MISMATCH = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="verify.py", description="按构建时生成的校验清单核对网站文件是否完整、未被改动。")
    parser.add_argument("site_dir", help="构建好的网站目录(如 site/),或复制、解压后的网站目录")
    parser.add_argument("--key", type=Path, help="发布单位的公钥文件(如 发布单位.pub):同时核对校验清单的签名")
    args = parser.parse_args(argv)
    site_dir = _site_dir(Path(args.site_dir))
    if site_dir is None:
        print(f"{args.site_dir} 中找不到 {integrity.SUMS}:这不是本系统构建的网站目录,或复制不完整。"
              f"请写明网站目录,例如 python scripts/verify.py site", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = integrity.verify(site_dir)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"{site_dir / integrity.SUMS} 无法读取({exc}):请从原始构建重新复制这个文件。", file=sys.stderr)
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
        print(f"已忽略操作系统生成的文件:{'、'.join(result.ignored)}")
    print(f"校验清单指纹(exports/SHA256SUMS 的 SHA-256):{integrity.fingerprint(site_dir)}")
    if args.key is None and (site_dir / integrity.SIGNATURE).is_file():
        print(f"校验清单带有签名 {integrity.SIGNATURE}:加上 --key 发布单位公钥.pub 才能确认它没有连同文件一起被改写。")
    if result.ok:
        signed = ",签名有效" if args.key is not None else ""
        print(f"校验通过:{result.checked} 个文件全部与校验清单一致{signed}。")
        return EXIT_OK
    counts = {code: sum(1 for f in result.findings if f.code == code)
              for code in ("verify-missing", "verify-extra", "verify-changed", "verify-manifest", "verify-symlink",
                           "verify-bundle-sums", "verify-signature")}
    others = {"verify-symlink": "符号链接 {} 个", "verify-bundle-sums": "离线包清单不符 {} 处", "verify-signature": "签名不对"}
    extra = "".join(f",{text.format(counts[code])}" for code, text in others.items() if counts[code])
    print(f"校验未通过:缺少 {counts['verify-missing']} 个,多出 {counts['verify-extra']} 个,"
          f"改动 {counts['verify-changed']} 个,证据清单不符 {counts['verify-manifest']} 处{extra}。")
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
