#!/usr/bin/env python3
"""A small asyncio program for SpeedLab's `command` points: the patterns of the asyncio chapter
SpeedLab comes from, so its report can set Python beside SpeedLab's own `concurrent` scenario.

Each of --tasks items is a "fetch" whose latency is `asyncio.sleep(latency)`, started in one
TaskGroup; a semaphore keeps at most --concurrency fetches in flight; after each fetch the item
runs --work units of the same FNV-1a kernel as SpeedLab (CPU work on the event loop's thread,
so it does not overlap: the lesson of the `concurrent` scenario).

    python3 examples/agent.py --tasks 64 --concurrency 8 --latency-ms 20 [--work 0]

When SpeedLab runs it, it writes its own metrics to the file $SPEEDLAB_METRICS names:
items_per_s (items over the program's own gather time) and loop_ms (that time), so the
report shows what the program measured inside itself beside what SpeedLab measured outside.
"""
import argparse
import asyncio
import os
import time

FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211
MASK = (1 << 64) - 1


def fnv1a(work: int) -> int:
    """FNV-1a 64 over the 8 little-endian bytes of each i in 0..<work (DESIGN §1)."""
    h = FNV_OFFSET
    for i in range(work):
        for byte in i.to_bytes(8, "little"):
            h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


async def fetch(item: int, latency: float, limiter: asyncio.Semaphore) -> int:
    async with limiter:
        await asyncio.sleep(latency)
    return item


async def main(tasks: int, concurrency: int, latency: float, work: int) -> tuple[int, float]:
    limiter = asyncio.Semaphore(concurrency)
    checksum = 0
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        fetches = [group.create_task(fetch(item, latency, limiter)) for item in range(tasks)]
    for finished in fetches:
        finished.result()
        checksum = (checksum + fnv1a(work)) & MASK
    return checksum, time.perf_counter() - start


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--work", type=int, default=0)
    args = parser.parse_args()
    if args.tasks < 1 or args.concurrency < 1 or args.latency_ms < 0 or args.work < 0:
        parser.error("--tasks and --concurrency must be at least 1; --latency-ms and --work at least 0")
    checksum, seconds = asyncio.run(main(args.tasks, args.concurrency, args.latency_ms / 1000, args.work))
    metrics = os.environ.get("SPEEDLAB_METRICS")
    if metrics:
        with open(metrics, "w") as out:
            out.write(f"items_per_s={args.tasks / seconds:.1f}\n")
            out.write(f"loop_ms={seconds * 1000:.3f} ms\n")
    print(checksum)
