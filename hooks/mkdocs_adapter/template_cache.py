"""The theme's templates are compiled once, not on every build.

MkDocs gives every build (every `mkdocs serve` rebuild too) a new Jinja environment, so
Material's forty-odd templates were compiled to Python again each time. Jinja's own
bytecode cache keeps the compiled code in the build cache (`templates/` under
`.cache/evidence-site/`), keyed by the template's name and file and checked against
the SHA-1 of its source, so an edited override or a theme upgrade is compiled afresh.
Jinja writes each entry to a temporary file and renames it; deleting the folder only
costs the next build the compiling.
"""

from __future__ import annotations


from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from evidencesite.pipeline.buildstate import state_of


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    site = state_of(config).site
    folder = site.cache.folder / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds without the cache
        return env
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
