#!/usr/bin/env bash
# Installs whatever this project needs and is missing, and nothing twice:
# the wasm32 target, Trunk 0.21, wasm-bindgen-cli at the exact version in
# Cargo.lock, wasm-split-cli, Debian's Chromium + ChromeDriver + Japanese fonts, and the npm
# tooling (binaryen's wasm-opt 132, Playwright, axe-core). Only package
# registries are used; no browser or binary is downloaded from elsewhere.
# Source it (`. scripts/setup.sh`) to get trunk and node_modules/.bin on
# PATH: the steps run in a subshell, so sourcing changes nothing else in the
# shell (no `set -e`, no other directory) and a failure returns, never
# closes it.
_kenshu_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$_kenshu_root/node_modules/.bin:$PATH"
(
set -euo pipefail
root="$_kenshu_root"
cd "$root"
say() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  rustup component add clippy rustfmt
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21 (about 7 minutes on 2 cores)"
  cargo install trunk --version '~0.21' --locked
fi

bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version"
  # --locked fails to resolve on this registry; the exact version is pinned by '='.
  cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

# Splits the release wasm into lazily loaded chunks (scripts/split-wasm.mjs);
# the same tool cargo-leptos uses, at the version that matches Leptos'
# wasm_split_helpers in Cargo.lock. --locked fails to resolve here too.
split_version="0.2.3"
if ! cargo install --list | grep -qx "wasm_split_cli_support v$split_version:"; then
  say "installing wasm-split-cli $split_version (about 1 minute)"
  cargo install wasm_split_cli_support --version "=$split_version" --features build-binary
fi

apt_missing=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_missing+=("$pkg")
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} from Debian"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tooling"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
# A real LRS for the reporting tests: Ralph on its filesystem store, in a
# virtualenv of its own under target/ (tests/lrs/ralph_server.py starts it).
ralph_version="5.1.0"
if ! target/ralph-venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('ralph-malph') != '$ralph_version')" 2>/dev/null; then
  say "installing Ralph LRS $ralph_version (PyPI ralph-malph) into target/ralph-venv"
  rm -rf target/ralph-venv
  python3 -m venv target/ralph-venv
  target/ralph-venv/bin/pip install -q --disable-pip-version-check "ralph-malph[lrs,cli]==$ralph_version" requests
fi

if ! wasm-opt --version 2>/dev/null | grep -q 'version 132'; then
  say "wasm-opt 132 is not on PATH (expected node_modules/.bin/wasm-opt)"; exit 1
fi
say "ready"
)
_kenshu_status=$?
unset _kenshu_root
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: say so and hand the status back; the shell stays open.
  [ "$_kenshu_status" -eq 0 ] || printf '[setup] failed (status %s); see the lines above\n' "$_kenshu_status" >&2
  return "$_kenshu_status"
fi
exit "$_kenshu_status"
