"""The beginning and the end of every build for what outlives it (adapter/process.py):
the command is noted once per process, the memos turn over at each build's start, and
every class-wide patch a feature installed is removed when the build ends, however it ends.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from mkdocs_adapter.process import PROCESS


def on_startup(command: str, dirty: bool) -> None:
    PROCESS.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    PROCESS.next_build()
    return config


@event_priority(-1000)  # after every handler of every plugin: the patches serve them all
def on_post_build(config: MkDocsConfig) -> None:
    PROCESS.remove_patches()


def on_build_error(error: Exception) -> None:
    PROCESS.remove_patches()


def on_shutdown() -> None:
    PROCESS.remove_patches()
