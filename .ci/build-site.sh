#!/usr/bin/env bash
# Builds the browser bundles into target/site/pkg: `tafelronde` (feature hydrate, attendee
# pages) and `tafelronde-coordinator` (hydrate,coordinator, pages under /coordinator), each
# the app crate for wasm32 (profile wasm-release), wasm-bindgen and npm binaryen's
# wasm-opt -Oz; then the stylesheet. Every file gets a content hash in its name
# (`name.<16 hex>.ext`, listed in pkg/manifest.txt for the page shell) and gzip and brotli
# copies served as precompressed files. Everything is built in a temporary folder beside
# the site and swapped in at the end, so a running server (`make run`) keeps serving the
# previous files while a build (`make test`, `make site`) is under way.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[site]\033[0m %s\n' "$*"; }
LIVE=target/site
mkdir -p target
SITE=$(mktemp -d target/site.new.XXXXXX)
trap 'rm -rf "$SITE"' EXIT
PKG=$SITE/pkg
mkdir -p "$PKG"

MODE=$(cat target/.wasm-mode 2>/dev/null || echo rustup)
# bundle NAME FEATURES: builds $PKG/NAME.js and $PKG/NAME.wasm
bundle() {
  local name=$1 features=$2 start
  start=$(date +%s)
  local args=(build -p app --lib --target wasm32-unknown-unknown --no-default-features --features "$features" --profile wasm-release)
  if [ "$MODE" = debian ]; then
    say "cargo build $name (wasm32, features $features, Debian rustc + build-std)"
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 cargo "${args[@]}" -Zbuild-std=std,panic_abort --target-dir target/front
  else
    say "cargo build $name (wasm32, features $features)"
    cargo "${args[@]}" --target-dir target/front
  fi
  local wasm=target/front/wasm32-unknown-unknown/wasm-release/app.wasm
  say "wasm-bindgen $name"
  wasm-bindgen --target web --out-name "$name" --out-dir "$PKG" --no-typescript "$wasm"
  mv -f "$PKG/${name}_bg.wasm" "$PKG/$name.wasm"
  say "wasm-opt -Oz $name"
  end2end/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$PKG/$name.wasm" -o "$PKG/$name.opt.wasm"
  mv -f "$PKG/$name.opt.wasm" "$PKG/$name.wasm"
  say "$name built in $(( $(date +%s) - start )) s"
}
bundle tafelronde hydrate
bundle tafelronde-coordinator hydrate,coordinator
cp style/main.css "$PKG/tafelronde.css"
if [ -d public ]; then cp -r public/. "$SITE/"; fi

# Content-hashed names: pages ask for them (pkg/manifest.txt) and they are served immutable.
: > "$PKG/manifest.txt"
FILES=()
for f in tafelronde.js tafelronde.wasm tafelronde-coordinator.js tafelronde-coordinator.wasm tafelronde.css; do
  hash=$(sha256sum "$PKG/$f" | cut -c1-16)
  hashed="${f%.*}.$hash.${f##*.}"
  cp "$PKG/$f" "$PKG/$hashed"
  echo "$f $hashed" >> "$PKG/manifest.txt"
  FILES+=("$PKG/$hashed")
done
# The unhashed bundles are not used; the unhashed stylesheet serves the server's refusal pages.
rm -f "$PKG"/tafelronde.js "$PKG"/tafelronde.wasm "$PKG"/tafelronde-coordinator.js "$PKG"/tafelronde-coordinator.wasm
FILES+=("$PKG/tafelronde.css")

say "gzip -9 and brotli (node's zlib, quality 11)"
for f in "${FILES[@]}"; do gzip -9 -n -k -f "$f"; done
node -e '
const zlib = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}' "${FILES[@]}"
for f in "$PKG"/tafelronde.*.wasm "$PKG"/tafelronde-coordinator.*.wasm; do
  say "$(basename "$f"): $(stat -c %s "$f") bytes raw, $(stat -c %s "$f.gz") gzip, $(stat -c %s "$f.br") brotli"
done

# Swap the new site in: the old one stays complete until this moment.
rm -rf target/site.old
if [ -d "$LIVE" ]; then mv "$LIVE" target/site.old; fi
mv "$SITE" "$LIVE"
trap - EXIT
rm -rf target/site.old
say "site swapped into $LIVE"
