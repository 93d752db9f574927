#!/usr/bin/env bash
# The browser the HTML report tests drive: Debian's chromium and chromedriver, plus a Japanese
# font so screenshots show text. Installs them when missing and we are root (as in CI).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} (for the HTML report's browser tests)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "note: ${need[*]} missing and not root: browser tests will be skipped" >&2
fi
