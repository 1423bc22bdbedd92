#!/usr/bin/env bash
# axe-core for the accessibility tests (and the npm copies of the two browser scripts the
# site serves, which tests/test_vendored.py compares with hooks/assets/vendor/): npm
# packages pinned in package.json / package-lock.json, installed into node_modules/ with
# `npm ci`. Building and previewing the site do not need any of it (Python only).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0  # already installed from this lock file
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "没有 npm:无障碍测试工具(axe-core)未安装,浏览器测试中的无障碍检查无法运行;网站构建和预览不受影响。需要时安装 Node.js 后运行 npm ci。" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
