"""Build the offline bundle: the whole site in one zip that works from a USB stick.

    python scripts/bundle.py [--audience public|assessor] -o FILE.zip [-f mkdocs.yml] [--sign PRIVATE_KEY]

Builds the site with Material's offline plugin (SITE_OFFLINE=true: page links end in
index.html, the search index is a script, search runs through the local iframe-worker
shim), signs exports/SHA256SUMS with --sign (scripts/sign.py), writes SHA256SUMS
beside index.html (names escaped as `sha256sum` does) and zips it all inside one folder named
after the zip. Unzip it and open index.html: no server, no network.

Killed half-way, it leaves no build running (the child build dies with it) and the
next run removes the temporary site copy it left.

Exit status: 0 bundle written; 1 the build had errors (nothing written);
2 usage error (wrong arguments, no mkdocs.yml, the shim not installed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from _bootstrap import EXIT_USAGE, ChineseArgumentParser

from evidencesite.publishing import integrity, signature
from evidencesite.files import scratch
from evidencesite.publishing.archive import write_checksums, zip_folder
from evidencesite.pipeline.buildstate import build_date
from evidencesite.model import Audience
from evidencesite.presentation.webassets import IFRAME_WORKER_SHIM

EXIT_OK, EXIT_BUILD = 0, 1
SCRATCH_PREFIX = "evidence-bundle-"
"""The temporary site copies are <temp folder>/evidence-bundle-<pid>-…; a later run removes orphans."""


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="bundle.py", description="生成离线包(zip):解压后直接打开 index.html 即可浏览和搜索,不需要网络。")
    parser.add_argument("-o", "--output", required=True, help="离线包文件名,例如 评审材料.zip")
    parser.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.PUBLIC.value,
                        help="public:公开版(默认);assessor:评审专用版(含不公开材料)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="网站设置文件,默认当前目录的 mkdocs.yml")
    parser.add_argument("--sign", type=Path, metavar="私钥", help="用本单位的私钥给校验清单签名(见 README“完整性校验”)")
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    output = Path(args.output).resolve()
    if not config.is_file():
        print(f"找不到网站设置文件 {config}。请在网站根目录运行,或用 -f 写明 mkdocs.yml 的位置。", file=sys.stderr)
        return EXIT_USAGE
    if output.suffix.lower() != ".zip":
        print(f"离线包文件名要以 .zip 结尾,现在是“{output.name}”。例如:-o 评审材料.zip", file=sys.stderr)
        return EXIT_USAGE
    if args.sign is not None and not args.sign.is_file():
        print(f"找不到私钥文件 {args.sign}。生成方法见 README“完整性校验”一节。", file=sys.stderr)
        return EXIT_USAGE
    if not IFRAME_WORKER_SHIM.available:
        print(f"缺少离线搜索所需的脚本 {IFRAME_WORKER_SHIM.path}。请先在仓库根目录运行 npm ci(需要安装 Node.js),"
              "或运行 make test / make serve 自动安装,然后再生成离线包。", file=sys.stderr)
        return EXIT_USAGE

    stale = scratch.remove_stale(SCRATCH_PREFIX)
    if stale:
        print(f"已删除上次中断时留下的 {len(stale)} 个临时网站副本。", file=sys.stderr)
    with scratch.scratch_folder(SCRATCH_PREFIX) as temp:
        site = temp / "site"
        if not _build(config, site, args.audience):
            print("构建有错误(见上方【错误】),没有生成离线包。改正后重新运行。", file=sys.stderr)
            return EXIT_BUILD
        shim = site / IFRAME_WORKER_SHIM.target
        if not shim.is_file() or IFRAME_WORKER_SHIM.target not in (site / "index.html").read_text(encoding="utf-8"):
            print(f"离线包中没有 {IFRAME_WORKER_SHIM.target},离线搜索将无法使用;没有生成离线包。"
                  "请检查 mkdocs.yml 中 offline 插件的设置。", file=sys.stderr)
            return EXIT_BUILD
        if args.sign is not None:
            try:
                signature.sign(site / integrity.SUMS, args.sign)
            except signature.SignatureError as exc:
                print(f"{exc} 没有生成离线包。", file=sys.stderr)
                return EXIT_USAGE
        write_checksums(site)
        zip_folder(site, output, output.stem, build_date())
    version = "评审专用版" if args.audience == Audience.ASSESSOR.value else "公开版"
    print(f"已生成离线包({version}):{output}({output.stat().st_size / 1e6:.1f} MB)。"
          f"解压后打开 {output.stem}/index.html 即可浏览;文件校验值在 {output.stem}/SHA256SUMS。")
    return EXIT_OK


def _build(config: Path, site: Path, audience: str) -> bool:
    """A draft build for file:// use; False when it logged any warning (an error)."""
    env = {**os.environ, "SITE_OFFLINE": "true", "SITE_AUDIENCE": audience, "NO_MKDOCS_2_WARNING": "1"}
    process = scratch.child([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    warnings = 0
    assert process.stdout is not None
    try:
        for line in process.stdout:
            print(line, end="", file=sys.stderr)
            warnings += line.startswith("WARNING")
        return process.wait() == 0 and warnings == 0
    finally:
        scratch.stop(process)  # Ctrl-C or SIGTERM here: the build must not go on writing without us


if __name__ == "__main__":
    sys.exit(main())
