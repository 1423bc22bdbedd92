"""Shared start-up for the command-line tools: the domain package in hooks/ becomes
importable, output never fails on a console that cannot show a character, and
argparse speaks Chinese with exit status 2 for usage errors."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "hooks") not in sys.path:
    sys.path.insert(0, str(REPO / "hooks"))

from evidencesite.catalogue.commands import say  # noqa: E402 - importable only from here on

for _stream in (sys.stdout, sys.stderr):
    if hasattr(_stream, "reconfigure"):
        _stream.reconfigure(errors="replace")

EXIT_USAGE = 2
_ARGPARSE_WORDS = {
    "unrecognized arguments": say("bootstrap.argparse-unrecognized"),
    "the following arguments are required": say("bootstrap.argparse-required"),
    "invalid int value": say("bootstrap.argparse-int"),
    "invalid choice": say("bootstrap.argparse-choice"),
    "expected one argument": say("bootstrap.argparse-one-value"),
    "argument ": say("bootstrap.argparse-argument"),
}


# argparse's own words in --help (Python 3.10+ says "options:", earlier "optional arguments:").
_HELP_WORDS = {"usage: ": say("bootstrap.help-usage"), "positional arguments:": say("bootstrap.help-arguments"),
               "optional arguments:": say("bootstrap.help-options"), "options:": say("bootstrap.help-options")}


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its --help and usage errors in Chinese and exit status 2."""

    def __init__(self, *args, **kwargs) -> None:
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say("bootstrap.help-help"))

    def format_usage(self) -> str:
        return _chinese(super().format_usage())

    def format_help(self) -> str:
        return _chinese(super().format_help())

    def error(self, message: str) -> None:
        for english, chinese in _ARGPARSE_WORDS.items():
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        print(say("bootstrap.usage-error", message=message, prog=self.prog), file=sys.stderr)
        sys.exit(EXIT_USAGE)


def usage_error(message: str) -> int:
    """Say what is wrong with how the command was called, on stderr; the usage exit status."""
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _chinese(text: str) -> str:
    for english, chinese in _HELP_WORDS.items():
        text = text.replace(english, chinese)
    return text


def site_settings(root: Path, how_to_name: str, audience: str | None = None, config_file: str = "mkdocs.yml"):
    """The Settings of the site at `root` built with `config_file` (a build's, `audience` as
    given), or None after saying in Chinese why `root` is not a site; `how_to_name` tells
    how to name the right folder."""
    from evidencesite.model.settings import settings_for

    if config_file != "mkdocs.yml" and not (root / config_file).is_file():
        print(say("common.config-missing", path=root / config_file), file=sys.stderr)
        return None
    try:
        settings = settings_for(root, audience, config_file)
    except Exception as exc:  # the config file unreadable: say which file, never a traceback
        print(say("common.config-unreadable", root=root / config_file, exc=exc), file=sys.stderr)
        return None
    if not (root / settings.docs_dir).is_dir():
        print(say("bootstrap.not-a-site", root=root.resolve(), docs_dir=settings.docs_dir, how_to_name=how_to_name),
              file=sys.stderr)
        return None
    return settings


def only_ids(text: str) -> list[str]:
    """The IDs of --only as staff type them: separated by commas (half- or full-width), 、,
    semicolons or spaces, in full-width or lower-case letters; each once, in the order given."""
    from evidencesite.model import normalise_code

    parts = re.split(r"[,、;\s]+", normalise_code(text))  # NFKC makes the full-width comma and semicolon ASCII
    return list(dict.fromkeys(p.upper() for p in parts if p))


def chosen_indicators(site, only: str | None):  # noqa: ANN001 - a loader.Site
    """The indicators `--only N012,N013` names (all when None), or the Chinese message saying
    which IDs have no page."""
    if not only:
        return list(site.indicators.values()), ""
    wanted = only_ids(only)
    unknown = [w for w in wanted if w not in site.indicators]
    if unknown:
        return [], say("bootstrap.unknown-ids", unknown='、'.join(unknown))
    return [site.indicators[w] for w in wanted], ""
