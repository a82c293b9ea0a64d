#!/usr/bin/env bash
# Builds Folio's Python wheel (crates/python, PyO3 + maturin, one abi3 wheel for CPython 3.9+)
# into target/wheels, installs it into the project's virtual environment (target/python-venv)
# and runs the Python tests (tests/python). Pinned: maturin 1.16.0.
#
#   scripts/python.sh            build, install, test
#   scripts/python.sh --build    build the wheel only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv="$root/target/python-venv"
# Spark 3.5 runs on the Java 17 the machines have (Debian's OpenJDK).
java -version 2>&1 | grep -q 'version "17' || { echo "python.sh: Spark needs Java 17 (apt install openjdk-17-jre-headless)" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  "maturin==1.16.0" "pyspark==3.5.7" "pyarrow==18.1.0" "pandas==2.2.3"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
rm -f target/wheels/folio_news-*.whl
export CARGO_TARGET_DIR="$root/target/python"
"$venv/bin/maturin" build --quiet --release -m crates/python/Cargo.toml -o target/wheels
cargo clippy --quiet --release --manifest-path crates/python/Cargo.toml -- -D warnings
unset CARGO_TARGET_DIR
[ "${1:-}" = "--build" ] && exit 0
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall target/wheels/folio_news-*.whl
cargo build --release --quiet --bin folio
"$venv/bin/python" -m unittest discover -v -s tests/python
