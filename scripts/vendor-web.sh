#!/usr/bin/env bash
# `make vendor`: fetch the web pages' front-end packages from the npm registry at pinned versions
# (each tarball checked against its pinned sha512), copy in only the files the pages serve, and
# write SHA256SUMS beside them (tests/web/test_vendor.py checks every file against it).
#
# - govuk-frontend: its Sass compiled here with our settings (a system font stack instead of GDS
#   Transport, no @font-face, assets under /web/static/): the library's documented way to
#   change the font, so the fonts and the crown are never copied; its ES module JavaScript as is.
# - htmx.org 2.0.x: htmx.min.js as is.
# - axe-core: axe.min.js, into tests/web/vendor/ (the browser tests inject it; never shipped).
# - swagger-ui-dist: the API docs page's script and style, into service/api/static/vendor/ (the
#   docs at /docs load nothing from another site).
# Nothing here runs when the service runs: the results are committed.
set -euo pipefail
cd "$(dirname "$0")/.."

GOVUK="govuk-frontend@6.6.0 sha512-xctkWrQvLnvQt7fyjQ3MGX9S0wz0x0RQuLxCeoXF+s8EjGICG81/DYQGKN5qgO+0KVT12UAaRwUsGY6fulRcRg=="
HTMX="htmx.org@2.0.11 sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
AXE="axe-core@4.14.1 sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
SWAGGER="swagger-ui-dist@5.36.0 sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A=="
SASS="sass@1.108.2"  # the compiler only, used here and never shipped

STATIC=service/web/static/vendor
TESTS=tests/web/vendor
DOCS=service/api/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# fetch NAME@VERSION SHA512 -> unpacked into $WORK/NAME (tarball checked against the pin)
fetch() {
  local spec=$1 want=$2 name=${1%@*}
  local tgz
  tgz=$(cd "$WORK" && npm pack --silent "$spec")
  local got="sha512-$(openssl dgst -sha512 -binary "$WORK/$tgz" | base64 -w0)"
  if [ "$got" != "$want" ]; then
    echo "vendor: $spec has integrity $got, pinned $want: refusing it" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar xzf "$WORK/$tgz" -C "$WORK/$name" --strip-components=1
}

# shellcheck disable=SC2086
fetch $GOVUK
# shellcheck disable=SC2086
fetch $HTMX
# shellcheck disable=SC2086
fetch $AXE
# shellcheck disable=SC2086
fetch $SWAGGER

rm -rf "$STATIC" "$TESTS" "$DOCS"
mkdir -p "$STATIC/govuk-frontend" "$STATIC/htmx" "$TESTS" "$DOCS/swagger-ui"

# govuk-frontend's Sass with our settings, compiled once here
mkdir -p "$WORK/sass"
(cd "$WORK/sass" && npm install --silent --no-save --no-audit --no-fund --ignore-scripts "$SASS" >/dev/null)
mkdir -p "$WORK/sass/node_modules/govuk-frontend"
cp -r "$WORK/govuk-frontend/dist" "$WORK/sass/node_modules/govuk-frontend/"
"$WORK/sass/node_modules/.bin/sass" --style=compressed --no-source-map \
  --load-path="$WORK/sass/node_modules" scripts/govuk-frontend.scss \
  "$STATIC/govuk-frontend/govuk-frontend.min.css"
cp "$WORK/govuk-frontend/dist/govuk/govuk-frontend.min.js" "$STATIC/govuk-frontend/"
cp "$WORK/htmx.org/dist/htmx.min.js" "$WORK/htmx.org/LICENSE" "$STATIC/htmx/"
cp "$WORK/axe-core/axe.min.js" "$WORK/axe-core/LICENSE" "$TESTS/"
cp "$WORK/swagger-ui-dist/swagger-ui-bundle.js" "$WORK/swagger-ui-dist/swagger-ui.css" \
  "$WORK/swagger-ui-dist/LICENSE" "$DOCS/swagger-ui/"

cat > "$STATIC/VERSIONS" <<TXT
# what make vendor (scripts/vendor-web.sh) fetched; the files' sums are in SHA256SUMS
${GOVUK%% *} MIT (code only: no fonts, no crown); CSS compiled with $SASS from scripts/govuk-frontend.scss
${HTMX%% *} 0BSD
TXT
echo "${AXE%% *} MPL-2.0 (tests only)" > "$TESTS/VERSIONS"
echo "${SWAGGER%% *} Apache-2.0 (the API docs page)" > "$DOCS/VERSIONS"

for dir in "$STATIC" "$TESTS" "$DOCS"; do
  (cd "$dir" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
done
echo "vendored into $STATIC, $TESTS and $DOCS"
