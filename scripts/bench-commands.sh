#!/usr/bin/env bash
# Command benchmarks side by side with hyperfine (docs/performance.md, "Command benchmarks").
# A benchmark, not a test: it prints figures and asserts nothing.
#
#   scripts/bench-commands.sh [RUNS [ROUNDS]]   # default 200 measured runs, 5 rounds
#
# Uses a release build (`swift build -c release`; SPEEDLAB_BIN=DIR takes speedlab and
# speedlab-spawn from DIR instead) and Debian's hyperfine (installed with apt-get when missing).
# For `true`, `sleep 0.01` and a CPU-bound shell loop, ROUNDS rounds alternate the tools (the
# order flips every round, so drift of a busy machine hits both alike); in each round each tool
# (SpeedLab's `bench` and `hyperfine -N`, both exec directly, 3 warm-ups) runs at RUNS and at
# 2 × RUNS repetitions. Printed, as the median over the rounds with the rounds' range: each
# tool's median wall time, and its cost between two repetitions (the whole invocation's extra
# time per extra repetition, from RUNS to 2 × RUNS, minus the command's mean wall time, so
# start-up costs cancel out). Then each tool's exec-to-exec cycle, timed by the command itself
# (scripts/exec-stamp.c) beside a bare posix_spawn loop (scripts/spawn-loop.c). Then the peak RSS SpeedLab records for /bin/true in a run whose
# other point makes SpeedLab hold far more (200,000 concurrent tasks).
set -euo pipefail
runs=${1:-200}
rounds=${2:-5}
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
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

python3 - "$speedlab" "$work" "$runs" "$rounds" "true" "sleep 0.01" "$burn" <<'PY'
import json, os, sqlite3, statistics, subprocess, sys, time
speedlab, work, runs, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
commands = sys.argv[5:]

def speedlab_run(command, count):
    """(seconds of the whole invocation, median ms, mean ms) of one `speedlab bench`."""
    db = os.path.join(work, "s.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.monotonic()
    subprocess.run([speedlab, "bench", "--db", db, "--runs", str(count), "--warmup", "3", "--no-report", "--",
                    command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = time.monotonic() - start
    walls = [w / 1e6 for (w,) in sqlite3.connect(db).execute("SELECT wallNanos FROM sample WHERE isWarmup = 0")]
    return total, statistics.median(walls), statistics.mean(walls)

def hyperfine_run(command, count):
    out = os.path.join(work, "h.json")
    start = time.monotonic()
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(count), "--export-json", out, command],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = time.monotonic() - start
    result = json.load(open(out))["results"][0]
    return total, result["median"] * 1e3, result["mean"] * 1e3

def measure(tool, command):
    """(median ms, cost ms between two repetitions) of one tool in one round."""
    small, large = tool(command, runs), tool(command, 2 * runs)
    extra = ((large[0] - small[0]) * 1e3 - (large[2] * 2 * runs - small[2] * runs)) / runs
    return small[1], extra

def spread(values):
    return f"{statistics.median(values):.3f} [{min(values):.3f}, {max(values):.3f}]"

print(f"{runs} runs per invocation, {rounds} rounds alternating the tools; medians over the rounds [min, max]")
print(f"{'command':<8} {'speedlab median ms':>24} {'hyperfine median ms':>24} {'diff':>7} "
      f"{'speedlab cost ms':>24} {'hyperfine cost ms':>24}")
for command in commands:
    name = os.path.basename(command.split()[0])
    own, theirs = [], []
    for round in range(rounds):
        order = [(speedlab_run, own), (hyperfine_run, theirs)]
        for tool, into in (order if round % 2 == 0 else order[::-1]):
            into.append(measure(tool, command))
    s_median = statistics.median(m for m, _ in own)
    h_median = statistics.median(m for m, _ in theirs)
    print(f"{name:<8} {spread([m for m, _ in own]):>24} {spread([m for m, _ in theirs]):>24} "
          f"{100 * (s_median - h_median) / h_median:+6.1f}% {spread([c for _, c in own]):>24} "
          f"{spread([c for _, c in theirs]):>24}", flush=True)
PY

# The cost between repetitions seen from the command's side: exec-stamp notes when each
# repetition began, so consecutive stamps give each tool's exec-to-exec cycle (the command's
# own time, the same under every tool, plus the tool's work between two repetitions), beside
# spawn-loop, a C loop of posix_spawn + wait4 that does nothing else (the floor).
cc=${CC:-$(command -v cc || command -v clang)}
"$cc" -O2 -o "$work/exec-stamp" scripts/exec-stamp.c
"$cc" -O2 -o "$work/spawn-loop" scripts/spawn-loop.c
python3 - "$speedlab" "$work" "$runs" "$rounds" <<'PY'
import os, statistics, struct, subprocess, sys
speedlab, work, runs, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
stamp = os.path.join(work, "exec-stamp")
quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}

def floor(args):
    subprocess.run([os.path.join(work, "spawn-loop"), str(runs), stamp] + args, **quiet)

def speedlab_run(args):
    db = os.path.join(work, "c.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run([speedlab, "bench", "--db", db, "--runs", str(runs), "--warmup", "0", "--no-report", "--",
                    " ".join([stamp] + args)], **quiet)

def hyperfine_run(args):
    subprocess.run(["hyperfine", "-N", "--warmup", "0", "--runs", str(runs), " ".join([stamp] + args)], **quiet)

def cycles(tool, args):
    """(median, mean) µs between consecutive starts of the command under one tool."""
    path = os.path.join(work, "stamps")
    if os.path.exists(path):
        os.remove(path)
    tool([path] + args)
    data = open(path, "rb").read()
    starts = [struct.unpack_from("q", data, i)[0] for i in range(0, len(data), 8)]
    gaps = [(b - a) / 1e3 for a, b in zip(starts, starts[1:])]
    return statistics.median(gaps), statistics.mean(gaps)

tools = [("posix_spawn loop", floor), ("speedlab", speedlab_run), ("hyperfine -N", hyperfine_run)]
print(f"\nexec-to-exec cycle, {runs} runs, {rounds} rounds rotating the tools; "
      "median over the rounds [min, max] of each round's median and mean, µs")
for label, args in (("exec-stamp", []), ("exec-stamp, sleeping 10 ms", ["10000"])):
    found = {name: [] for name, _ in tools}
    for round in range(rounds):
        for name, tool in tools[round % 3:] + tools[:round % 3]:
            found[name].append(cycles(tool, args))
    floor_median = statistics.median(m for m, _ in found["posix_spawn loop"])
    print(label)
    for name, values in found.items():
        medians, means = [m for m, _ in values], [m for _, m in values]
        print(f"  {name:<17} median {statistics.median(medians):8.1f} [{min(medians):.1f}, {max(medians):.1f}]"
              f"  mean {statistics.median(means):8.1f} [{min(means):.1f}, {max(means):.1f}]"
              f"  above the loop's median {statistics.median(medians) - floor_median:+7.1f}", flush=True)
PY

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
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
