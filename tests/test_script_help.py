"""Every command-line tool answers --help in Chinese (issue 14), argparse's own words included."""

from __future__ import annotations

import pytest

from conftest import REPO, run_script

SCRIPTS = sorted(p.name for p in (REPO / "scripts").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_is_chinese(script):
    result = run_script(script, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法:") and "显示本帮助后退出" in result.stdout
    for english in ("usage:", "options:", "positional arguments", "optional arguments", "show this help"):
        assert english not in result.stdout, english


def test_quiet_banner_file_silences_materials_banner_for_every_process_of_the_venv(tmp_path, monkeypatch):
    """The .pth file _quiet_banner.py writes sets NO_MKDOCS_2_WARNING at interpreter start."""
    import os
    import subprocess
    import sys
    import sysconfig

    import _quiet_banner

    monkeypatch.setattr(sysconfig, "get_paths", lambda: {"purelib": str(tmp_path)})
    assert _quiet_banner.main() == 0
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    probe = ("import site, os, sys; before = os.environ.get('NO_MKDOCS_2_WARNING'); site.addsitedir(sys.argv[1]); "
             "print(before, os.environ.get('NO_MKDOCS_2_WARNING'))")
    # -S: this venv may already hold the real .pth (make installs it), which would set the
    # variable before the probe looks; only the file written into tmp_path may set it here.
    out = subprocess.run([sys.executable, "-S", "-c", probe, str(tmp_path)], env=env, capture_output=True, text=True).stdout
    assert out.split() == ["None", "1"]
