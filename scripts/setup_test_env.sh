#!/usr/bin/env bash
# System packages the test suite needs beyond Python: nothing yet for the foundation.
# Later parts (browser tests, nginx) add their Debian packages here; it installs them
# with apt-get when running as root and otherwise prints how to install them.
set -euo pipefail

# git: the history tests (最后更新, scripts/report.py) script a repository of their own.
if ! command -v git >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git >/dev/null
  elif [ "${CI:-}" = "true" ]; then
    echo "!!!!! CI=true 但没有 git:版本记录测试不能跳过。请安装 Debian 软件包 git。" >&2
    exit 1
  else
    echo "!!!!! 测试环境缺少 git。请以 root 运行:apt-get install -y git(缺少时版本记录测试会跳过)" >&2
  fi
fi
exit 0
