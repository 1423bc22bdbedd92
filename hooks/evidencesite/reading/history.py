"""What Git remembers about docs/ and evidence/: when each file last changed, and the
site as it stood at an earlier commit.

One `git log --name-only` over the indicator pages and evidence/ per build, parsed once,
gives every page's last change in linear time (a `git log` per page would be 5,000
processes on a province-scale site). Without Git, outside a repository, or for files
never committed, the answer is "no record", never an error: a site copied from a zip
builds the same, and the pages say so.

Dates are commit dates in China Standard Time (UTC+8), whatever the committer's zone.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from evidencesite.model.evidence_index import IGNORED_NAMES, EvidenceIndex
from evidencesite.model import Indicator
from evidencesite.model.settings import Settings
from evidencesite.catalogue.reading import say
from evidencesite.model.site import Site

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
NO_RECORD = say("history.none-yet")
"""What a page shows as 最后更新 when Git has nothing to say about it."""
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass
class History:
    """The last change of each file under the pages and evidence folders, from Git."""

    available: bool = False
    reason: str = say("history.not-read")
    """Why there is no history (shown in reports), when `available` is false."""
    changed: dict[str, dt.datetime] = field(default_factory=dict)
    """Path relative to the site root -> time of the last commit touching it."""
    uncommitted: frozenset[str] = frozenset()
    """Paths changed in the working folder since the last commit (edited, added, deleted,
    or never committed); empty for the history of an earlier commit."""

    def last_updated(self, indicator: Indicator, site: Site) -> dt.date | None:
        """The last commit touching the page or any evidence file it cites."""
        paths = [indicator.path, *(site.settings.evidence_path(p) for p in indicator.cites)]
        times = [self.changed[p] for p in paths if p in self.changed]
        return max(times).astimezone(CHINA).date() if times else None

    def last_changed(self, indicator: Indicator, site: Site, today: dt.date) -> dt.date | None:
        """When the page or its evidence last changed, for recurring deadlines: an edit
        not yet committed, or a page never committed, is a change `today`; None (not
        known) without history, so that nothing is called overdue on no evidence."""
        if not self.available:
            return None
        paths = [indicator.path, *(f"{site.settings.evidence_dir}/{p}" for p in indicator.cites)]
        if indicator.path not in self.changed or any(p in self.uncommitted for p in paths):
            return today
        return self.last_updated(indicator, site)

    def stamp(self, site: Site, today: dt.date) -> None:
        """Give every indicator its `changed` date (what `Indicator.is_overdue` judges a
        recurring deadline by) as of `today`."""
        for indicator in site.indicators.values():
            indicator.changed = self.last_changed(indicator, site, today)

    def label(self, indicator: Indicator, site: Site) -> str:
        date = self.last_updated(indicator, site)
        return date.isoformat() if date else NO_RECORD


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """Output of `git -C root args…`, or None when Git is missing or refuses."""
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], input=stdin,
                              capture_output=True, check=False, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def tracked_paths(settings: Settings) -> list[str]:
    """The folders whose history matters: indicator pages (with the framework) and evidence."""
    return [settings.indicators_dir, settings.evidence_dir]


def read_history(root: Path, settings: Settings, commit: str | None = None) -> History:
    """Every tracked file's last change, from one `git log` over the site: up to `commit`
    (the site as it stood then, for reports), else up to now with the working folder's
    uncommitted changes."""
    if git(root, "rev-parse", "--is-inside-work-tree") is None:
        return History(reason=say("history.not-a-repository"))
    paths = tracked_paths(settings)
    out = git(root, "log", "-z", "--relative", "--no-renames", "--name-only",
              f"--format={_RECORD}%H{_FIELD}%cI", *([commit] if commit else []), "--", *paths)
    if out is None:
        return History(reason=say("history.no-commits"))
    changed: dict[str, dt.datetime] = {}
    for _, when, names in _commits(out.decode("utf-8", "replace")):
        for name in names:
            changed.setdefault(name, when)  # newest first: the first sighting is the last change
    if not changed:
        return History(reason=say("history.not-committed"))
    return History(available=True, reason="", changed=changed,
                   uncommitted=frozenset() if commit else _uncommitted(root, paths))


def _uncommitted(root: Path, paths: list[str]) -> frozenset[str]:
    """Tracked files differing from the last commit (staged or not) and files never
    committed (Git's ignore rules respected), relative to the site root."""
    found: set[str] = set()
    for args in (("diff", "--name-only", "--no-renames", "--relative", "-z", "HEAD"),
                 ("ls-files", "--others", "--exclude-standard", "-z")):
        out = git(root, *args, "--", *paths) or b""
        found.update(name for name in out.decode("utf-8", "replace").split("\0") if name)
    return frozenset(found)


def _commits(text: str):
    """(hash, time, [paths]) for each record of `git log -z --name-only` output."""
    for record in text.split(_RECORD)[1:]:
        header, _, rest = record.partition("\0")
        commit, _, iso = header.partition(_FIELD)
        names = [n.strip("\n") for n in rest.split("\0") if n.strip("\n")]
        yield commit, dt.datetime.fromisoformat(iso.strip()), names


# ---------------------------------------------------------------------------
# The site at an earlier commit (for the monthly report)
# ---------------------------------------------------------------------------


def commit_before(root: Path, moment: dt.datetime) -> str | None:
    """The newest commit made before `moment`, or None."""
    out = git(root, "rev-list", "-1", f"--before={moment.isoformat()}", "HEAD")
    text = out.decode().strip() if out else ""
    return text or None


def committed_site(root: Path, settings: Settings, commit: str, folder: Path) -> EvidenceIndex:
    """The site as committed in `commit`, written into `folder`: its pages and framework
    from Git, and its evidence folder known by path and size only (no evidence file is
    read or copied), as `loading.loader.site_at` loads it."""
    listing = _ls_tree(root, commit, settings.indicators_dir, settings.framework)
    texts = [entry for entry in listing if entry[0] == "blob"]
    contents = _cat_blobs(root, [oid for _, oid, _, _ in texts])
    for (_, oid, _, path), data in zip(texts, contents):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    evidence = EvidenceIndex(root=folder / settings.evidence_dir)
    for kind, _, size, path in _ls_tree(root, commit, settings.evidence_dir):
        rel = path[len(settings.evidence_dir) + 1:]
        hidden = any(part.startswith(".") for part in rel.split("/")) or rel.rsplit("/", 1)[-1] in IGNORED_NAMES
        if kind == "blob" and not hidden:
            evidence.add(rel, size)  # as EvidenceIndex.scan would see it, hidden files skipped
    return evidence


def _ls_tree(root: Path, commit: str, *paths: str) -> list[tuple[str, str, int, str]]:
    """(type, object id, size, path) of every file under `paths` in `commit`; symlinks are 'link'."""
    out = git(root, "ls-tree", "-r", "-l", "-z", commit, "--", *paths) or b""
    entries = []
    for line in out.decode("utf-8", "replace").split("\0"):
        if not line:
            continue
        meta, _, path = line.partition("\t")
        mode, kind, oid, size = meta.split()
        entries.append(("link" if mode == "120000" else kind, oid, int(size) if size.isdigit() else 0, path))
    return entries


def _cat_blobs(root: Path, oids: list[str]) -> list[bytes]:
    """The contents of many blobs from one `git cat-file --batch`."""
    if not oids:
        return []
    out = git(root, "cat-file", "--batch", stdin=("\n".join(oids) + "\n").encode()) or b""
    blobs, pos = [], 0
    for _ in oids:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split()[2])
        blobs.append(out[end + 1:end + 1 + size])
        pos = end + 1 + size + 1
    return blobs
