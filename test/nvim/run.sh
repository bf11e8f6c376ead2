#!/usr/bin/env sh
# Checks that Neovim's built-in LSP client (0.7: push diagnostics only) shows diagnostics from
# `normokontrol lsp --stdio`. Needs `nvim` (Debian: apt-get install -y neovim) and a built
# checkout (`npm run build`). Not part of `npm test`. Exit 0 = diagnostics shown.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
command -v nvim >/dev/null 2>&1 || { echo "nvim not found (apt-get install -y neovim)" >&2; exit 2; }
[ -f "$repo/dist/cli.js" ] || { echo "dist/cli.js missing: run npm run build" >&2; exit 2; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# A draft with the clause number 1.2 written twice.
cat > "$dir/draft.reg.md" <<'DRAFT'
ПОЛОЖЕНИЕ
об использовании ИКОП «Сферум»

1. Общие положения
1.1. Положение определяет порядок.
1.2. Положение принимается советом.
1.2. Положение вводится приказом.
2. Заключительные положения
2.1. Положение действует бессрочно.
DRAFT

NK_REPO="$repo" NK_FILE="$dir/draft.reg.md" NK_TIMEOUT="${NK_TIMEOUT:-20000}" \
  nvim --headless --clean -n -c "luafile $here/check.lua"
