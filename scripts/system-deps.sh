#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those that are missing. The browser tests
# (Playwright) drive Debian's chromium: `playwright install` cannot download a browser here.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v fc-list >/dev/null || need+=(fontconfig)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
ldconfig -p | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "安装系统依赖：${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
