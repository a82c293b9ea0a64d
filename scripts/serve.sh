#!/usr/bin/env bash
# Sets up what is missing, then serves the app with live reload on http://127.0.0.1:8080
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
exec trunk serve --offline "$@"
