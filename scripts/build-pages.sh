#!/usr/bin/env bash
# Builds the release of the page for a sub-path, as GitHub Pages serves a project:
#   scripts/build-pages.sh /folio/ [DIST]     (DIST defaults to dist)
# The Pages workflow runs exactly this; run it locally to get the same dist/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
public_url=${1:?usage: scripts/build-pages.sh /REPOSITORY/ [DIST]}
dist=${2:-dist}
FOLIO_SETUP=build "$root/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
trunk build --release --offline --public-url "$public_url" --dist "$dist"
