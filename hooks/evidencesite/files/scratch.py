"""Scratch folders and child processes that never outlive the command that made them.

`bundle.py` builds a whole site into a temporary folder with a child `mkdocs build`.
Killed half-way, it used to leave the child running (writing a full site copy into
the temporary folder) and the folder itself behind. Now:

- the child dies with its parent (Linux: PR_SET_PDEATHSIG; every system: SIGTERM and
  Ctrl-C stop the child before the command exits);
- each scratch folder carries the owner's process id in its name, and the next run
  removes the folders whose owner is gone (`remove_stale`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(prefix: str, folder: Path | None = None) -> list[Path]:
    """Remove the scratch folders `prefix<pid>-…` whose process is gone; return them."""
    folder = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return []
    for path in candidates:
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder named `prefix<pid>-…`, removed when the block ends (also on
    SIGTERM, which is turned into SystemExit so the cleanup runs)."""
    previous = signal.getsignal(signal.SIGTERM)

    def stop(signum, frame):  # noqa: ARG001
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        with tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-", ignore_cleanup_errors=True) as temp:
            yield Path(temp)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _die_with_parent() -> None:  # pragma: no cover  (runs in the child before exec)
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills the child when its parent dies


def child(args: list[str], **kwargs) -> subprocess.Popen:
    """Start a child process that is killed when this process dies, even by SIGKILL (Linux)."""
    if sys.platform.startswith("linux"):
        kwargs["preexec_fn"] = _die_with_parent
    return subprocess.Popen(args, **kwargs)


def stop(process: subprocess.Popen) -> None:
    """Stop a child that is still running (after an exception or Ctrl-C in the parent)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
