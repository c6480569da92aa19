#!/usr/bin/env python3
"""The same streams as an llm point, read by Python asyncio + aiohttp (uvloop when installed):
N concurrent streamed chat completions from SpeedLab's services, each chunk stamped on arrival
with time.perf_counter_ns. Prints the client's CPU per chunk and the exact itl/ttft percentiles,
for docs/performance.md beside SpeedLab's own figures.

    python3 scripts/llm-streams-python.py http://127.0.0.1:PORT --concurrency 256 --tokens 64 --itl-ms 5
"""
import argparse
import asyncio
import json
import math
import resource
import time

import aiohttp


def percentile(values, p):
    values = sorted(values)
    return values[max(1, math.ceil(p * len(values))) - 1] if values else float("nan")


async def one(session, url, number, args, ttfts, gaps, errors):
    prompt = "r%d " % number + " ".join(["word"] * (args.prompt_tokens - 1))
    body = {
        "model": "speedlab", "messages": [{"role": "user", "content": prompt}], "max_tokens": args.tokens,
        "stream": True, "stream_options": {"include_usage": True},
        "speedlab": {"request": number, "seed": 42, "ttft_ms": args.ttft_ms, "itl_ms": args.itl_ms,
                     "capacity": 100000, "prefill_us_per_token": 20},
    }
    sent = time.perf_counter_ns()
    arrivals = []
    async with session.post(url + "/v1/chat/completions", json=body) as response:
        if response.status != 200:
            errors.append(response.status)
            return
        buffer = b""
        async for data in response.content.iter_any():
            now = time.perf_counter_ns()
            buffer += data
            while b"\n\n" in buffer:
                event, buffer = buffer.split(b"\n\n", 1)
                payload = event[len(b"data: "):]
                if payload == b"[DONE]":
                    break
                chunk = json.loads(payload)
                choices = chunk.get("choices") or []
                if choices and (choices[0].get("delta") or {}).get("content"):
                    arrivals.append(now)
    if arrivals:
        ttfts.append((arrivals[0] - sent) / 1e6)
        gaps.extend((b - a) / 1e6 for a, b in zip(arrivals, arrivals[1:]))


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=256)
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--prompt-tokens", type=int, default=16)
    parser.add_argument("--ttft-ms", type=float, default=30)
    parser.add_argument("--itl-ms", type=float, default=5)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(one(session, args.url, n, args, [], [], []) for n in range(args.concurrency)))  # warm-up
        for repetition in range(args.repetitions):
            ttfts, gaps, errors = [], [], []
            before = resource.getrusage(resource.RUSAGE_SELF)
            await asyncio.gather(*(one(session, args.url, n, args, ttfts, gaps, errors) for n in range(args.concurrency)))
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1e6
            chunks = args.concurrency * args.tokens
            print("python repetition %d: %.1f µs CPU per chunk; ttft p50 %.2f ms; itl p50 %.2f ms, p99 %.2f ms; errors %d"
                  % (repetition, cpu / chunks, percentile(ttfts, 0.5), percentile(gaps, 0.5), percentile(gaps, 0.99),
                     len(errors)))


try:
    import uvloop
    uvloop.install()
except ImportError:
    pass
asyncio.run(main())
