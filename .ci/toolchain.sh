#!/usr/bin/env bash
# Installs what the build and the tests need, only where it is missing, and says what it
# does: the wasm32 standard library (rustup, or Debian's rustc-web + std sources rebuilt
# with -Zbuild-std where rustup cannot download), wasm-bindgen-cli at exactly the
# Cargo.lock version, the npm tools in end2end/ (Playwright, maildev, binaryen, vnu-jar,
# axe-core), Chromium, and a Java runtime for the Nu HTML checker. With the argument `run`
# (what `make run` and `make site` use) it stops before Chromium and Java, which only the
# tests need.
set -euo pipefail
FOR=${1:-test}
cd "$(dirname "$0")/.."
say() { printf '\033[1m[toolchain]\033[0m %s\n' "$*"; }

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then say "apt-get update"; apt-get update -qq; APT_UPDATED=1; fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# 1. wasm32 target
WASM_MODE_FILE=target/.wasm-mode
mkdir -p target
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  echo rustup > "$WASM_MODE_FILE"
elif rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  say "installed the wasm32 target with rustup"
  echo rustup > "$WASM_MODE_FILE"
else
  if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/src/rustc-1.96.0 ] || [ ! -e /usr/bin/lld-22 ] && [ ! -e /usr/bin/ld.lld-22 ]; then
    say "rustup has no wasm32 std here: using Debian's rustc-web with build-std"
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
  echo debian > "$WASM_MODE_FILE"
fi

# 2. wasm-bindgen-cli, exactly the version in Cargo.lock
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (takes ~5 min once)"
  cargo install -q wasm-bindgen-cli --version "$WB_VERSION"
fi

# 3. npm tools (Playwright test runner, maildev, binaryen's wasm-opt)
if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/maildev ] \
   || [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.installed ]; then
  say "npm ci in end2end/"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

if [ "$FOR" = run ]; then
  say "ready to build and run: $(cat "$WASM_MODE_FILE") wasm32, wasm-bindgen $WB_VERSION (no browser: only the tests need one)"
  exit 0
fi

# 4. Chromium for the browser tests (never Playwright's own download)
# Java runs the Nu HTML checker (npm vnu-jar) in the end-to-end tests.
if ! command -v java >/dev/null; then
  apt_install default-jre-headless
fi
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
say "ready: $(cat "$WASM_MODE_FILE") wasm32, wasm-bindgen $WB_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -1)"
