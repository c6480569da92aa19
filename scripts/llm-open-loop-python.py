#!/usr/bin/env python3
"""An open loop of streamed chat completions from SpeedLab's services, sent by Python asyncio +
aiohttp (uvloop when installed), as `rate:` llm points send them: request i is due at i / R
seconds (constant arrivals) and is started as its own task when due. Prints, per rate, the
dispatch delay (due -> the request handed to aiohttp) p50 / p99 and the rate reached, for
docs/performance.md beside SpeedLab's own figures.

    python3 scripts/llm-open-loop-python.py http://127.0.0.1:PORT --rates 250,500,1000,2000 --tokens 32
"""
import argparse
import asyncio
import json
import math
import time

import aiohttp


def percentile(values, p):
    values = sorted(values)
    return values[max(1, math.ceil(p * len(values))) - 1] if values else float("nan")


async def one(session, url, number, args, delays, due):
    body = {
        "model": "speedlab", "messages": [{"role": "user", "content": "r%d a b c d e f g" % number}],
        "max_tokens": args.tokens, "stream": True,
        "speedlab": {"request": number, "seed": 42, "ttft_ms": args.ttft_ms, "itl_ms": args.itl_ms,
                     "capacity": 1000000, "prefill_us_per_token": 0},
    }
    delays.append(time.perf_counter() - due)
    async with session.post(url + "/v1/chat/completions", json=body) as response:
        async for _ in response.content.iter_any():
            pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rates", default="250,500,1000,2000")
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--ttft-ms", type=float, default=5)
    parser.add_argument("--itl-ms", type=float, default=1)
    args = parser.parse_args()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        for rate in [float(r) for r in args.rates.split(",")]:
            count = int(rate * args.seconds)
            delays, tasks = [], []
            start = time.perf_counter() + 0.01
            for number in range(count):
                due = start + number / rate
                pause = due - time.perf_counter()
                if pause > 0:
                    await asyncio.sleep(pause)
                tasks.append(asyncio.ensure_future(one(session, args.url, number, args, delays, due)))
            await asyncio.gather(*tasks)
            print("python rate %g: dispatch delay p50 %.3f ms, p99 %.3f ms; sent %d requests in %.3f s"
                  % (rate, percentile(delays, 0.5) * 1e3, percentile(delays, 0.99) * 1e3, count,
                     max(delays) + (count - 1) / rate))


try:
    import uvloop
    uvloop.install()
except ImportError:
    pass
asyncio.run(main())
