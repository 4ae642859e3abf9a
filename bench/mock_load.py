"""The mock server under load: many loopback clients, each sending a request a second.

Usage::

    python bench/mock_load.py [--connections 1000] [--seconds 30] [--rate 1]

The mock runs as users run it (`asyncapi-ws-docs mock docs/asyncapi/realtime.yaml
--interval 0`, its log lines going to /dev/null), in its own process; the clients run in this
one, on one asyncio loop. Every client opens `/v1/updates` with the headers the spec asks for,
then sends a valid `subscribe` with a unique `requestId` every 1/rate seconds (spread out
over the first second), and matches each `subscribed` reply to its request by that id, as the
spec's correlation id says. Bounded: only loopback, at most `--connections` clients, for
`--seconds` seconds, then a grace of `GRACE_S` for the last replies.

It reports the connections held to the end, requests sent, replies received per second, the
p50/p99/max reply latency, and the frames lost (requests never answered, connections dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "docs" / "asyncapi" / "realtime.yaml"
GRACE_S = 3.0
OPEN_AT_ONCE = 50
"""Handshakes in flight at once while connecting: a burst of 1,000 would overflow the backlog."""
PATH = "/v1/updates?clientId=3f2c8a4e-9b1d-4c7e-8f6a-2d5b9e0c1a47"
HEADERS = {"Authorization": "Bearer load-test"}


@dataclass
class Tally:
    sent: int = 0
    latencies: list[float] = field(default_factory=list)
    held: int = 0
    dropped: int = 0
    refused: int = 0
    pending: dict[str, float] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_mock(port: int) -> subprocess.Popen[str]:
    """The command, as a user runs it; returns once it prints that it is serving."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "asyncapi_ws_docs.cli",
            "mock",
            str(SPEC),
            "--port",
            str(port),
            "--interval",
            "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    if process.stdout is None:
        raise RuntimeError("no output to read")
    for line in process.stdout:
        if "serving on" in line:
            break
    # Its log lines from now on: drained to nowhere, as a terminal would scroll them away.
    drain = subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
    del drain
    return process


@dataclass
class Start:
    """Requests start once every client has connected (or failed to): handshakes are not
    what is measured, and 1,000 of them at once would stand in front of the first replies."""

    waiting: int
    go: asyncio.Event = field(default_factory=asyncio.Event)
    until: float = 0.0

    def arrived(self, seconds: float) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.until = time.monotonic() + seconds
            self.go.set()


@dataclass
class Load:
    """What every client shares: where to connect, for how long, how often, and the tally."""

    url: str
    seconds: float
    rate: float
    tally: Tally
    start: Start
    gate: asyncio.Semaphore


async def client(number: int, load: Load) -> None:
    tally, start = load.tally, load.start
    try:
        async with load.gate:
            ws = await connect(
                load.url,
                additional_headers=HEADERS,
                open_timeout=60,
                max_queue=None,
                ping_interval=None,
            )
    except Exception:  # noqa: BLE001 (a refused or timed-out handshake is counted)
        tally.refused += 1
        start.arrived(load.seconds)
        return
    tally.held += 1
    receiving = asyncio.create_task(receive(ws, tally))
    start.arrived(load.seconds)
    await start.go.wait()
    await asyncio.sleep(random.random() / load.rate)  # noqa: S311 (spread the first requests)
    sequence = 0
    try:
        while time.monotonic() < start.until:
            sequence += 1
            request_id = f"{number}-{sequence}"
            tally.pending[request_id] = time.perf_counter()
            request = {"type": "subscribe", "requestId": request_id, "widgets": ["w-1a2b3c4d"]}
            await ws.send(json.dumps(request))
            tally.sent += 1
            await asyncio.sleep(1 / load.rate)
        await asyncio.sleep(GRACE_S)
    except ConnectionClosed:
        tally.dropped += 1
        tally.held -= 1
    finally:
        receiving.cancel()
        await ws.close()


async def receive(ws: object, tally: Tally) -> None:
    async for frame in ws:  # type: ignore[attr-defined]
        request_id = json.loads(frame).get("requestId")
        started = tally.pending.pop(request_id, None)
        if started is not None:
            tally.latencies.append(time.perf_counter() - started)


async def run(connections: int, seconds: float, rate: float, port: int) -> Tally:
    tally = Tally()
    url = f"ws://127.0.0.1:{port}{PATH}"
    load = Load(url, seconds, rate, tally, Start(connections), asyncio.Semaphore(OPEN_AT_ONCE))
    await asyncio.gather(*(client(n, load) for n in range(connections)))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=1.0, help="requests per second per client")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.connections)), hard))
    port = free_port()
    mock = start_mock(port)
    cpu_before = os.times()
    try:
        wall = time.perf_counter()
        tally = asyncio.run(run(args.connections, args.seconds, args.rate, port))
        wall = time.perf_counter() - wall
    finally:
        mock.terminate()
        mock.wait(timeout=10)
    cpu = os.times()
    answered = len(tally.latencies)
    latencies = sorted(tally.latencies) or [0.0]
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(
        f"connections: {args.connections} asked, {tally.held} held to the end, "
        f"{tally.refused} refused, {tally.dropped} dropped"
    )
    print(
        f"requests: {tally.sent} sent in {args.seconds:.0f} s, {answered} answered "
        f"({answered / args.seconds:.0f}/s), {tally.sent - answered} lost"
    )
    print(
        f"reply latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    print(
        f"load client process: {cpu.user - cpu_before.user + cpu.system - cpu_before.system:.1f} "
        f"s CPU in {wall:.0f} s; mock (children): "
        f"{cpu.children_user + cpu.children_system:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
