#!/usr/bin/env python3
"""SpeedLab's concurrent-over-http against Python asyncio + aiohttp (and aiohttp on uvloop),
side by side against the same `speedlab services`.

Every side sends N requests at once (N = C = connections), L = 20 ms, 1 KiB bodies, and is
timed over 7 measured repetitions after one warm-up; the figure is the median wall time,
with the client's CPU per request (its process's user + system time ÷ requests) and the
services' own CPU per request (their /stats, reset before each side).

Run through scripts/bench-http-clients.sh, which builds SpeedLab in release and installs
aiohttp and uvloop in .build-bench/venv. Standalone:

    python3 scripts/bench-http-clients.py --speedlab .build/release/speedlab [--n 64,256,1024]
        [--clients nio,async-http-client] [--python-only | --speedlab-only] [--floor BINARY]

`--floor` adds scripts/http-client-floor.c (compiled by the .sh): the same requests from one C
thread with epoll and nothing else, the least any client can spend on this machine.
"""
import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

LATENCY_MS = 20
BODY = 1024
REPETITIONS = 7
WARMUP = 1


def start_services(speedlab):
    process = subprocess.Popen(
        [speedlab, "services", "--host", "127.0.0.1", "--port", "0", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    url = line.split()[-1]
    assert url.startswith("http://"), line
    return process, url


def stats(url, reset=False):
    with urllib.request.urlopen(url + ("/stats/reset" if reset else "/stats")) as answer:
        return json.loads(answer.read())


def target(query, seed=42):
    return (f"/call?service=0&query={query}&attempt=1&seed={seed}&mean_ns={LATENCY_MS * 1e6}"
            f"&jitter=0.0&failure_rate=0.0&bytes={BODY}")


async def python_side(url, n):
    import aiohttp
    connector = aiohttp.TCPConnector(limit=n, limit_per_host=n)
    timings, cpu = [], 0.0
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(query):
            async with session.get(url + target(query)) as answer:
                body = await answer.read()
                assert answer.status == 200 and len(body) == BODY, (answer.status, len(body))

        for repetition in range(WARMUP + REPETITIONS):
            cpu_start = time.process_time()
            start = time.perf_counter()
            await asyncio.gather(*(one(query) for query in range(n)))
            wall = time.perf_counter() - start
            if repetition >= WARMUP:
                timings.append(wall)
                cpu += time.process_time() - cpu_start
    return statistics.median(timings), cpu / (REPETITIONS * n)


def speedlab_side(speedlab, url, n, client):
    with tempfile.TemporaryDirectory() as folder:
        sweep = os.path.join(folder, "sweep.yaml")
        db = os.path.join(folder, "bench.sqlite")
        with open(sweep, "w") as file:
            file.write(f"""name: bench-http-clients
repetitions: {REPETITIONS}
warmup: {WARMUP}
baselines: false
scenarios:
  concurrent:
    tasks: {n}
    concurrency: {n}
    connections: {n}
    transport: http
    client: {client}
    response_bytes: {BODY}
parameters:
  latency_ms: {LATENCY_MS}
""")
        subprocess.run(
            [speedlab, "run", sweep, "--services", url, "--db", db, "--no-report", "--no-trace"],
            check=True, stdout=subprocess.DEVNULL)
        connection = sqlite3.connect(db)
        walls = [row[0] / 1e9 for row in connection.execute("SELECT wallNanos FROM sample WHERE isWarmup = 0")]
        cpu = [row[0] for row in connection.execute(
            "SELECT m.value FROM sampleMetric m JOIN sample s ON s.id = m.sampleId "
            "WHERE s.isWarmup = 0 AND m.name = 'client_cpu_us_per_call'")]
        connection.close()
    return statistics.median(walls), statistics.median(cpu) / 1e6


def floor_side(floor, url, n):
    port = url.rsplit(":", 1)[1]
    line = subprocess.run([floor, port, str(n), str(REPETITIONS), str(LATENCY_MS), str(BODY)],
                          check=True, capture_output=True, text=True).stdout.split()
    fields = dict(zip(line[::2], line[1::2]))
    return float(fields["median_ms"]) / 1e3, float(fields["cpu_us_per_request"]) / 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--speedlab", default=".build/release/speedlab")
    parser.add_argument("--n", default="64,256,1024")
    parser.add_argument("--clients", default="nio")
    parser.add_argument("--python-only", action="store_true")
    parser.add_argument("--speedlab-only", action="store_true")
    parser.add_argument("--floor", help="the compiled scripts/http-client-floor.c, run as one more side")
    arguments = parser.parse_args()
    services, url = start_services(arguments.speedlab)
    sides = []
    if not arguments.python_only:
        sides += [(f"speedlab ({client})", client) for client in arguments.clients.split(",")]
    if not arguments.speedlab_only:
        sides += [("python asyncio + aiohttp", "asyncio"), ("aiohttp on uvloop", "uvloop")]
    if arguments.floor:
        sides += [("C floor (epoll, one thread)", "floor")]
    print(f"services at {url}; N = C = connections, L = {LATENCY_MS} ms, {BODY} B bodies, "
          f"median of {REPETITIONS} after {WARMUP} warm-up")
    print("| N | client | median ms | efficiency | client CPU µs/request | services CPU µs/request |")
    print("|---|---|---|---|---|---|")
    try:
        for n in [int(value) for value in arguments.n.split(",")]:
            for name, side in sides:
                stats(url, reset=True)
                if side == "asyncio":
                    median, cpu = asyncio.run(python_side(url, n))
                elif side == "floor":
                    median, cpu = floor_side(arguments.floor, url, n)
                elif side == "uvloop":
                    import uvloop
                    median, cpu = uvloop.run(python_side(url, n))
                else:
                    median, cpu = speedlab_side(arguments.speedlab, url, n, side)
                served = stats(url)
                print(f"| {n} | {name} | {median * 1e3:.1f} | {LATENCY_MS / 1e3 / median:.2f} | "
                      f"{cpu * 1e6:.0f} | {served['cpu_us_per_request']:.0f} |", flush=True)
    finally:
        services.stdin.close()
        services.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
