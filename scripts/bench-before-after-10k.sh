#!/bin/bash
# Paired release figures of two builds: 10,000 simulated calls of 10 ms on one event loop
# (fixtures/sweeps/ten-thousand.yaml), three rounds alternating the builds, medians of 20.
# Run from the repository root: BEFORE=/path/to/earlier/.build/release/speedlab scripts/bench-before-after-10k.sh
set -e
rm -rf /tmp/bench && mkdir -p /tmp/bench
A=${BEFORE:?set BEFORE to the earlier build release speedlab}
B=${AFTER:-$PWD/.build/release/speedlab}
for round in 1 2 3; do
  for side in before after; do
    bin=$A; [ $side = after ] && bin=$B
    (here=$PWD; cd /tmp/bench && $bin run $here/fixtures/sweeps/ten-thousand.yaml --db /tmp/bench/$side-$round.sqlite --no-report --no-trace > /dev/null 2>&1)
  done
done
for side in before after; do
  for round in 1 2 3; do
    python3 - "$side" "/tmp/bench/$side-$round.sqlite" <<'PY'
import sqlite3, sys, statistics
db = sqlite3.connect(sys.argv[2])
walls = sorted(r[0] / 1e6 for r in db.execute("SELECT wallNanos FROM sample WHERE isWarmup = 0"))
cpu = sorted((r[0] + r[1]) / 1e6 for r in db.execute("SELECT userNanos, systemNanos FROM sample WHERE isWarmup = 0"))
print(sys.argv[1], "median wall ms %.2f  median CPU ms %.2f  n %d" % (statistics.median(walls), statistics.median(cpu), len(walls)))
PY
  done
done
