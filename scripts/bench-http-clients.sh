#!/usr/bin/env bash
# SpeedLab's concurrent over http against Python asyncio + aiohttp and aiohttp on uvloop,
# against the same `speedlab services` (see scripts/bench-http-clients.py for the method).
#
#   scripts/bench-http-clients.sh                     # lean client (client: nio)
#   CLIENTS=nio,async-http-client TRAITS=AsyncHTTPClient scripts/bench-http-clients.sh
#
# Builds SpeedLab in release (with TRAITS, if given) and installs aiohttp and uvloop from PyPI
# in .build-bench/venv (ignored by git), and compiles scripts/http-client-floor.c, the C floor
# run beside them. Extra arguments go to the Python driver (--n 64,256).
set -euo pipefail
cd "$(dirname "$0")/.."
traits=()
if [[ -n "${TRAITS:-}" ]]; then traits=(--traits "defaults,${TRAITS}"); fi
swift build -c release --product speedlab "${traits[@]}" >&2
venv=.build-bench/venv
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet aiohttp uvloop
fi
cc -O2 -o .build-bench/http-client-floor scripts/http-client-floor.c
exec "$venv/bin/python" scripts/bench-http-clients.py --speedlab .build/release/speedlab \
    --clients "${CLIENTS:-nio}" --floor .build-bench/http-client-floor "$@"
