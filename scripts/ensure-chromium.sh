#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed where the browser test looks for
# them (/usr/bin/chromium, /usr/bin/chromedriver). Missing + apt-get available: installs Debian's
# `chromium` and `chromium-driver` (with sudo when not root). Selenium never downloads a browser.
set -euo pipefail

have_chromium() {
  [[ -x /usr/bin/chromium ]] && [[ -x /usr/bin/chromedriver ]]
}

if have_chromium; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium/chromedriver not found and this is not a Debian/Ubuntu machine (no apt-get)." >&2
  echo "Install Chromium and a matching chromedriver as /usr/bin/chromium and /usr/bin/chromedriver." >&2
  exit 1
fi

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "chromium not found; installing it needs root and sudo is missing. As root run:" >&2
    echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi

echo "Installing chromium and chromium-driver with apt-get ..." >&2
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver

if ! have_chromium; then
  echo "apt-get finished but /usr/bin/chromium or /usr/bin/chromedriver is missing." >&2
  exit 1
fi
