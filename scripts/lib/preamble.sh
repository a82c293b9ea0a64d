# What every shell script of Folio's starts with, sourced as its first line:
#
#   source "$(dirname "$0")/lib/preamble.sh"
#
# strict mode, `root` (the repository), the working directory there, and the tools the
# project installs (scripts/setup.sh) ahead on PATH: cargo's, and node_modules/.bin's (trunk's
# wasm-opt, playwright-core).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[1]:-$0}")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
