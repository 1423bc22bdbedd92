#!/usr/bin/env bash
# What the test suite needs beyond Python, installed when missing:
#   chromium and a CJK font (browser tests, driven by playwright from requirements-test.txt;
#   never a browser download), nginx (the publishing test), npm packages (npm ci:
#   axe-core, the iframe-worker shim, the ResizeObserver polyfill), LibreOffice (package.py).
# Debian packages are installed with apt-get when running as root; otherwise one loud
# line says how, and those tests skip. With CI=true a missing browser fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
fc-list 2>/dev/null | grep -qiE "WenQuanYi|Noto (Sans|Serif) CJK|Source Han" || need+=(fonts-wqy-microhei)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v npm >/dev/null 2>&1 || need+=(npm)
# package.py converts Word/Excel evidence into the compiled materials PDF through LibreOffice
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装测试所需的 Debian 软件包:${need[*]}" >&2
    # Installing nginx must not start a system web server: policy-rc.d says no to
    # service starts while apt-get runs (only if no policy is in place already).
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
    fi
    status=0
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null || status=$?
    [ -n "$policy" ] && rm -f "$policy"
    [ "$status" = 0 ] || echo "!!!!! apt-get install ${need[*]} 失败(退出码 $status)" >&2
  else
    echo "!!!!! 测试环境缺少:${need[*]}。请以 root 运行:apt-get install -y ${need[*]}(缺少时浏览器测试和 nginx 测试会跳过)" >&2
  fi
fi

if [ "${CI:-}" = "true" ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "!!!!! CI=true 但没有 chromium:浏览器测试不能跳过。请安装 Debian 软件包 chromium。" >&2
  exit 1
fi

bash scripts/install_web_assets.sh

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
