#!/usr/bin/env bash
# Command benchmarks side by side with hyperfine (docs/performance.md, "Command benchmarks").
# A benchmark, not a test: it prints figures and asserts nothing.
#
#   scripts/bench-commands.sh [RUNS]     # default 200 measured runs per command
#
# Uses a release build (`swift build -c release`; SPEEDLAB_BIN=DIR takes speedlab and
# speedlab-spawn from DIR instead) and Debian's hyperfine (installed with apt-get when missing).
# For `true`, `sleep 0.01` and a CPU-bound shell loop it prints the median of SpeedLab and of
# `hyperfine -N` (both exec directly, 3 warm-ups); the cost of each tool between two
# repetitions (from the whole invocation's time at RUNS and at 2 × RUNS: the difference per
# extra repetition, minus the command's mean wall time, so start-up costs cancel out); and the
# peak RSS SpeedLab records for /bin/true in a run whose other point makes SpeedLab hold far
# more (200,000 concurrent tasks).
set -euo pipefail
runs=${1:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! command -v hyperfine >/dev/null; then
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
fi
if [ -z "${SPEEDLAB_BIN:-}" ]; then
  swift build -c release --product speedlab >/dev/null
  swift build -c release --product speedlab-spawn >/dev/null
  SPEEDLAB_BIN=$(swift build -c release --show-bin-path)
fi
speedlab=$SPEEDLAB_BIN/speedlab
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
burn="$root/fixtures/commands/burn.sh 20000"

now() { python3 -c 'import time; print(time.monotonic())'; }

# median_ms DB SCENARIO: the median measured wall time of the only point of SCENARIO, in ms.
median_ms() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, statistics, sys
db = sqlite3.connect(sys.argv[1])
walls = [w for (w,) in db.execute(
    "SELECT s.wallNanos FROM sample s JOIN point p ON p.id = s.pointId "
    "WHERE p.scenario = ? AND s.isWarmup = 0 AND p.runId = (SELECT MAX(id) FROM run)", (sys.argv[2],))]
print(f"{statistics.median(walls) / 1e6:.3f} {statistics.mean(walls) / 1e6:.3f}")
PY
}

printf '%-22s %14s %14s %8s %18s %18s\n' command "speedlab ms" "hyperfine ms" "diff" "speedlab cost ms" "hyperfine cost ms"
for command in "true" "sleep 0.01" "$burn"; do
  name=$(basename "${command%% *}")
  # SpeedLab: RUNS and 2 × RUNS repetitions, each invocation timed from outside.
  t0=$(now); "$speedlab" bench --db "$work/a.sqlite" --runs "$runs" --warmup 3 --no-report -- "$command" >/dev/null; t1=$(now)
  read -r s_median s_mean <<<"$(median_ms "$work/a.sqlite" "$name")"
  t2=$(now); "$speedlab" bench --db "$work/b.sqlite" --runs $((2 * runs)) --warmup 3 --no-report -- "$command" >/dev/null; t3=$(now)
  read -r _ s_mean2 <<<"$(median_ms "$work/b.sqlite" "$name")"
  # hyperfine -N the same way.
  h0=$(now); hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" "$command" >/dev/null 2>&1; h1=$(now)
  h2=$(now); hyperfine -N --warmup 3 --runs $((2 * runs)) --export-json "$work/h2.json" "$command" >/dev/null 2>&1; h3=$(now)
  python3 - "$runs" "$s_median" "$s_mean" "$s_mean2" "$t0" "$t1" "$t2" "$t3" "$work/h.json" "$work/h2.json" "$h0" "$h1" "$h2" "$h3" "$name" <<'PY'
import json, statistics, sys
a = sys.argv
runs = int(a[1]); s_median, s_mean, s_mean2 = map(float, a[2:5]); t0, t1, t2, t3 = map(float, a[5:9])
h = json.load(open(a[9]))["results"][0]; h2 = json.load(open(a[10]))["results"][0]
h0, h1, h2t, h3 = map(float, a[11:15])
h_median = h["median"] * 1e3
def cost(total_small, total_large, mean_small, mean_large):
    # Extra time per extra repetition, minus the command's own mean wall time there.
    extra = ((total_large - total_small) * 1e3 - (mean_large * 2 * runs - mean_small * runs)) / runs
    return extra
s_cost = cost(t1 - t0, t3 - t2, s_mean, s_mean2)
h_cost = cost(h1 - h0, h3 - h2t, h["mean"] * 1e3, h2["mean"] * 1e3)
print(f"{a[15]:<22} {s_median:14.3f} {h_median:14.3f} {100 * (s_median - h_median) / h_median:+7.1f}% {s_cost:18.3f} {h_cost:18.3f}")
PY
done

# Peak RSS of /bin/true while SpeedLab holds far more: 200,000 concurrent tasks first.
cat >"$work/rss.yaml" <<'YAML'
name: rss
repetitions: 3
warmup: 0
baselines: false
scenarios:
  - concurrent:
      tasks: 200000
      concurrency: 200000
      latency_ms: 1
  - command:
      name: bin-true
      run: /bin/true
YAML
"$speedlab" run "$work/rss.yaml" --db "$work/rss.sqlite" --no-report --no-trace >/dev/null
python3 - "$work/rss.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for scenario, peak in db.execute(
        "SELECT p.scenario, MAX(s.peakRSSBytes) FROM sample s JOIN point p ON p.id = s.pointId GROUP BY p.scenario"):
    who = "speedlab itself (getrusage)" if scenario == "concurrent" else "/bin/true (wait4 in speedlab-spawn)"
    print(f"peak RSS {who:<36} {peak / 1048576:8.1f} MiB")
PY
