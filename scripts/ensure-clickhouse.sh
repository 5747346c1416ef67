#!/usr/bin/env bash
# Makes sure a ClickHouse server binary is installed, the way LocalClickHouse looks for one:
# `clickhouse-server` on the PATH or in /usr/sbin or /usr/bin, or the single `clickhouse` binary.
# Missing + apt-get available: installs Debian's clickhouse-server and clickhouse-client (with
# sudo when not root). The package does not start a server; LocalClickHouse runs its own.
set -euo pipefail

have_clickhouse() {
  command -v clickhouse-server >/dev/null 2>&1 || [[ -x /usr/sbin/clickhouse-server ]] \
    || [[ -x /usr/bin/clickhouse-server ]] || command -v clickhouse >/dev/null 2>&1
}

if have_clickhouse; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "clickhouse-server not found and this is not a Debian/Ubuntu machine (no apt-get)." >&2
  echo "Install ClickHouse yourself (https://clickhouse.com/docs/install), so that" >&2
  echo "\`clickhouse-server\` or \`clickhouse\` is on the PATH, then run this again." >&2
  exit 1
fi

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "clickhouse-server not found; installing it needs root and sudo is missing. As root run:" >&2
    echo "  apt-get update && apt-get install -y clickhouse-server clickhouse-client" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi

echo "Installing clickhouse-server and clickhouse-client with apt-get ..." >&2
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y clickhouse-server clickhouse-client

if ! have_clickhouse; then
  echo "apt-get finished but no clickhouse-server binary is to be found." >&2
  exit 1
fi
