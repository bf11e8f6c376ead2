#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests into .tools/ (gitignored), idempotently:
# code-server (the VS Code server build + web workbench, from the npm registry) and headless
# Chromium (Debian). Desktop VS Code cannot be downloaded on machines without internet access;
# the recipe and its reasons are in ../shared/notes/real-vscode.md.
#
#   bash scripts/vscode-tools.sh          # install what is missing (a second run takes ~1 s)
#   NK_TOOLS_DIR=/path bash scripts/…     # another tools folder
#
# Result: .tools/node_modules/.bin/code-server and /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
TOOLS="${NK_TOOLS_DIR:-$PWD/.tools}"
MARKER="$TOOLS/.complete-code-server-$CODE_SERVER_VERSION"
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)
export NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false

step() { echo "== vscode-tools: $*"; }
fail() { echo "vscode-tools: ошибка / error: $*" >&2; exit 1; }
t0=$(date +%s)

# 1. Debian packages: build deps of VS Code's native modules, ripgrep (search) and Chromium.
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "нужны пакеты ${missing[*]}, но нет прав root / need root to install ${missing[*]}"
    SUDO=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  step "Debian packages present"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium не найден / not found"
command -v rg >/dev/null || fail "ripgrep (rg) не найден / not found"

# 2. code-server and the VS Code build inside it.
if [ -f "$MARKER" ] && [ -x "$TOOLS/node_modules/.bin/code-server" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in $TOOLS"
else
  mkdir -p "$TOOLS"
  cd "$TOOLS"
  [ -f package.json ] || echo '{ "name": "normokontrol-tools", "private": true }' > package.json
  step "npm install code-server@$CODE_SERVER_VERSION (scripts off: its post-install downloads ripgrep)"
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION"

  VSC="$TOOLS/node_modules/code-server/lib/vscode"
  cd "$VSC"
  step "npm install in lib/vscode"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  step "npm rebuild native modules (kerberos, spdlog, deviceid, node-pty)"
  npm rebuild --loglevel=error kerberos @vscode/spdlog @vscode/deviceid
  # node-pty's post-install step (compile_commands.json via npx node-gyp) fails after pty.node is
  # built; that step is not needed, so the result is checked by the file instead of the exit code.
  npm rebuild --loglevel=error node-pty >/dev/null 2>&1 || true
  [ -f node_modules/node-pty/build/Release/pty.node ] || fail "node-pty не собрался / did not build (pty.node missing)"
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  step "npm install in lib/vscode/extensions (built-in extensions' dependencies)"
  (cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)

  cd "$TOOLS"
  step "npm rebuild argon2"
  npm rebuild --loglevel=error argon2
  touch "$MARKER"
fi

version=$("$TOOLS/node_modules/.bin/code-server" --version 2>/dev/null | head -1) || fail "code-server не запускается / does not run"
step "ready: code-server $version, $(/usr/bin/chromium --version 2>/dev/null | head -1) ($(( $(date +%s) - t0 )) s)"
