#!/usr/bin/env bash
# The scripts the built site serves itself (the iframe-worker shim for the offline
# bundle, a ResizeObserver polyfill for old phones) and axe-core for the accessibility
# tests: npm packages pinned in package.json / package-lock.json, installed into
# node_modules/ with `npm ci`. Nothing is fetched when building or browsing the site.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0  # already installed from this lock file
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "!!!!! 没有 npm:网站自带的脚本(离线搜索、旧手机兼容)和无障碍测试工具未安装。安装 Node.js 后运行 npm ci。" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
