#!/usr/bin/env bash
# The site's speed (docs/performance.md, "The site"). A benchmark, not a test: it prints
# figures and asserts nothing.
#
#   scripts/bench-site.sh [RUNS] [POINTS]     # default 1000 runs × 100 points, 5 samples each
#
# Builds speedlab-bench in release, makes a synthetic store, times the first build, a build
# over the same store and a build after one more run; then opens the overview in headless
# Chromium (Debian's `chromium`, installed when missing) five times and prints when its script
# had the table interactive (performance.now() at the end of the first render, from navigation
# start), and the size of the site of the default sweep's run when a store with one is given
# as SPEEDLAB_DEFAULT_STORE.
set -euo pipefail
runs=${1:-1000}
points=${2:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
swift build -c release --product speedlab-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/.build/release/speedlab-bench" site --runs "$runs" --points "$points" --out "$work" --keep 1
for attempt in 1 2 3 4 5; do
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --dump-dom "file://$work/site/index.html" 2>/dev/null \
    | grep -o 'data-ready="[0-9.]*"' | sed 's/data-ready=/overview interactive after (ms): /'
done
if [ -n "${SPEEDLAB_DEFAULT_STORE:-}" ]; then
  swift build -c release --product speedlab >/dev/null
  "$root/.build/release/speedlab" site --db "$SPEEDLAB_DEFAULT_STORE" --out "$work/default" >/dev/null
  echo "site of the default sweep's store: $(du -sb "$work/default" | cut -f1) bytes"
fi
