#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (see docs real-vscode-testing.md):
#   Debian: chromium, ripgrep, libkrb5-dev (only if missing)
#   npm:    code-server@4.100.3 (= VS Code 1.100.3, runs on Node 20) into .vscode-test/cs
# Idempotent: a second run only checks and exits.
# playwright-core and mocha are devDependencies of the project (npm ci), not installed here.
set -euo pipefail

CS_VERSION=4.100.3
RG_VERSION=1.15.11 # @vscode/ripgrep version that code-server $CS_VERSION depends on
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CS_DIR=${CODE_SERVER_DIR:-$ROOT/.vscode-test/cs}
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

installed=$(node -p "try { require('$CS_DIR/node_modules/code-server/package.json').version } catch { '' }")
if [ "$installed" = "$CS_VERSION" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  echo "code-server $CS_VERSION already installed in $CS_DIR"
  exit 0
fi

echo "npm: installing code-server@$CS_VERSION into $CS_DIR"
# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless this cache file
# exists, so seed it with Debian's rg.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_VERSION"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$cache" && cp "$(command -v rg)" "$stage/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$stage" rg

mkdir -p "$CS_DIR"
[ -f "$CS_DIR/package.json" ] || echo '{"name":"code-server-for-tests","private":true}' > "$CS_DIR/package.json"
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
# npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc cancels.
(cd "$CS_DIR" && npm_config_yes=true npm install "code-server@$CS_VERSION" --unsafe-perm --no-audit --no-fund --loglevel=error)
"$CS_DIR/node_modules/.bin/code-server" --config /dev/null --version
