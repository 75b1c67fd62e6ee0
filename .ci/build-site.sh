#!/usr/bin/env bash
# Builds the browser bundle into target/site: the app crate for wasm32 (feature hydrate,
# profile wasm-release), wasm-bindgen, npm binaryen's wasm-opt -Oz, the stylesheet and
# gzip copies served as precompressed files.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[site]\033[0m %s\n' "$*"; }
SITE=target/site
PKG=$SITE/pkg
mkdir -p "$PKG"

MODE=$(cat target/.wasm-mode 2>/dev/null || echo rustup)
ARGS=(build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release)
if [ "$MODE" = debian ]; then
  say "cargo build (wasm32, Debian rustc + build-std)"
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 cargo "${ARGS[@]}" -Zbuild-std=std,panic_abort --target-dir target/front
else
  say "cargo build (wasm32)"
  cargo "${ARGS[@]}" --target-dir target/front
fi
WASM=target/front/wasm32-unknown-unknown/wasm-release/app.wasm

say "wasm-bindgen"
wasm-bindgen --target web --out-name tafelronde --out-dir "$PKG" --no-typescript "$WASM"
# The page (LEPTOS_OUTPUT_NAME set at server build, see .cargo/config.toml) asks for tafelronde.wasm.
mv -f "$PKG/tafelronde_bg.wasm" "$PKG/tafelronde.wasm"
say "wasm-opt -Oz"
end2end/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$PKG/tafelronde.wasm" -o "$PKG/tafelronde.opt.wasm"
mv -f "$PKG/tafelronde.opt.wasm" "$PKG/tafelronde.wasm"
cp style/main.css "$PKG/tafelronde.css"
if [ -d public ]; then cp -r public/. "$SITE/"; fi
for f in "$PKG"/tafelronde.wasm "$PKG"/tafelronde.js "$PKG"/tafelronde.css; do gzip -9 -k -f "$f"; done
say "wasm: $(stat -c %s "$PKG/tafelronde.wasm") bytes raw, $(stat -c %s "$PKG/tafelronde.wasm.gz") bytes gzip"
