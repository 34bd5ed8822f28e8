#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium and
# Firefox ESR for the end-to-end tests (Playwright's and Puppeteer's own
# browser downloads cannot work here), and rclone, whose `rclone serve
# webdav` is the real WebDAV server of the sync tests.
#
# With arguments, only those (`npm start` needs only `chromium`).
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium firefox-esr rclone)
wants() { [[ " ${wanted[*]} " == *" $1 "* ]]; }
missing=()
if wants chromium && ! { [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ]; }; then
  missing+=(chromium)
fi
if wants firefox-esr && ! { [ -x /usr/bin/firefox-esr ] || [ -n "${FIREFOX_PATH:-}" ]; }; then
  missing+=(firefox-esr)
fi
if wants rclone && ! command -v rclone >/dev/null && [ -z "${RCLONE_PATH:-}" ]; then
  missing+=(rclone)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} (Debian packages) for the tests…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
