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
from evidencesite.catalogue.commands import say

EXIT_OK, EXIT_BUILD = 0, 1
SCRATCH_PREFIX = "evidence-bundle-"
"""The temporary site copies are <temp folder>/evidence-bundle-<pid>-…; a later run removes orphans."""


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="bundle.py", description=say("bundle.description"))
    parser.add_argument("-o", "--output", required=True, help=say("bundle.help-output"))
    parser.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.PUBLIC.value,
                        help=say("common.help-audience"))
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help=say("bundle.help-config"))
    parser.add_argument("--sign", type=Path, metavar=say("bundle.metavar-key"), help=say("bundle.help-sign"))
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    output = Path(args.output).resolve()
    if not config.is_file():
        print(say("bundle.config-missing", config=config), file=sys.stderr)
        return EXIT_USAGE
    if output.suffix.lower() != ".zip":
        print(say("bundle.output-not-zip", output_name=output.name), file=sys.stderr)
        return EXIT_USAGE
    if args.sign is not None and not args.sign.is_file():
        print(say("bundle.key-missing", sign=args.sign), file=sys.stderr)
        return EXIT_USAGE
    if not IFRAME_WORKER_SHIM.available:
        print(say("bundle.shim-missing", iframe_worker_shim_path=IFRAME_WORKER_SHIM.path), file=sys.stderr)
        return EXIT_USAGE

    stale = scratch.remove_stale(SCRATCH_PREFIX)
    if stale:
        print(say("bundle.stale-removed", stale_count=len(stale)), file=sys.stderr)
    with scratch.scratch_folder(SCRATCH_PREFIX) as temp:
        site = temp / "site"
        if not _build(config, site, args.audience):
            print(say("bundle.build-errors"), file=sys.stderr)
            return EXIT_BUILD
        shim = site / IFRAME_WORKER_SHIM.target
        if not shim.is_file() or IFRAME_WORKER_SHIM.target not in (site / "index.html").read_text(encoding="utf-8"):
            print(say("bundle.shim-not-bundled", target=IFRAME_WORKER_SHIM.target), file=sys.stderr)
            return EXIT_BUILD
        if args.sign is not None:
            try:
                signature.sign(site / integrity.SUMS, args.sign)
            except signature.SignatureError as exc:
                print(say("bundle.not-written", exc=exc), file=sys.stderr)
                return EXIT_USAGE
        write_checksums(site)
        zip_folder(site, output, output.stem, build_date())
    version = say("common.edition-assessor") if args.audience == Audience.ASSESSOR.value else say("common.edition-public")
    print(say("bundle.done", version=version, output=output, megabytes=output.stat().st_size / 1e6,
              output_stem=output.stem))
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
