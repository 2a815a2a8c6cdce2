"""A load check of `selaras serve`: the server on loopback, a bounded client loop against it.

    python benchmarks/serve_load.py [--requests 200] [--concurrency 8] [--sequential 20]
                                    [--workers 1] [--queue 16] [--threads N] [--json FILE]

Starts `selaras serve` as a child process on a free loopback port (the real model, loaded
once), waits for /v1/health, warms it with one check per draft, then

1. ``--sequential`` checks one at a time: the latency an editor sees on an idle server (the
   issue's target: a 5-article draft check in <= 3 s p95 with the model warm);
2. ``--requests`` checks from ``--concurrency`` client threads: throughput, latency with
   queueing, errors, and the server's resident memory before and after.

Every request is a 5-article draft check of examples/: each example in turn is the draft and
the other four its sources. A 503 (queue full) is counted apart from errors: it is the server
refusing work on purpose, and happens only when the queue is smaller than the concurrency.
Exits 1 when a request failed otherwise or the memory grew more than 10 %.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
MAX_GROWTH = 0.10


@dataclass
class Phase:
    """The outcome of one phase: latencies of answered requests and the statuses seen."""

    name: str
    concurrency: int
    seconds: float = 0.0
    cpu: float = 0.0  # the server's CPU seconds over the phase
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status not in (200, 503))

    def summary(self) -> dict[str, Any]:
        done = sorted(self.latencies)
        return {
            "phase": self.name,
            "concurrency": self.concurrency,
            "requests": sum(self.statuses.values()),
            "ok": self.statuses.get(200, 0),
            "queue_full_503": self.statuses.get(503, 0),
            "errors": self.errors,
            "p50_s": round(statistics.median(done), 2) if done else None,
            "p95_s": round(percentile(done, 0.95), 2) if done else None,
            "max_s": round(done[-1], 2) if done else None,
            "throughput_per_s": round(self.statuses.get(200, 0) / self.seconds, 3),
            "server_cpu_s_per_request": round(self.cpu / max(1, sum(self.statuses.values())), 2),
            "wall_s": round(self.seconds, 1),
        }


def percentile(ordered: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of ``ordered`` (sorted ascending)."""
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def bodies() -> list[dict[str, Any]]:
    """One 5-article draft check per example: it as the draft, the other four as sources."""
    texts = {path: path.read_text(encoding="utf-8") for path in EXAMPLES}
    return [
        {
            "draft": {"name": draft.name, "text": texts[draft]},
            "sources": [{"name": p.name, "text": texts[p]} for p in EXAMPLES if p != draft],
        }
        for draft in EXAMPLES
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """The resident memory of process ``pid`` (Linux), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (Linux): what a check costs the
    server whatever else runs on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(
    port: int, workers: int, queue: int, threads: int | None
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "import sys; from checker.cli import main; sys.exit(main())",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--queue",
        str(queue),
        *(["--threads", str(threads)] if threads else []),
    ]
    return subprocess.Popen(command, cwd=ROOT)


def wait_healthy(client: httpx.Client, server: subprocess.Popen[bytes]) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            response = client.get("/v1/health")
            if response.status_code == 200:
                health: dict[str, Any] = response.json()
                return health
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError("the server did not answer /v1/health within 180 s")


def run_phase(
    client: httpx.Client,
    server: subprocess.Popen[bytes],
    name: str,
    requests: int,
    concurrency: int,
    payloads: list[dict[str, Any]],
) -> Phase:
    phase = Phase(name, concurrency)
    cpu_before = cpu_seconds(server.pid)

    def one(index: int) -> tuple[int, float]:
        started = time.perf_counter()
        response = client.post("/v1/check", json=payloads[index % len(payloads)])
        return response.status_code, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for status, seconds in pool.map(one, range(requests)):
            phase.statuses[status] = phase.statuses.get(status, 0) + 1
            if status == 200:
                phase.latencies.append(seconds)
    phase.seconds = time.perf_counter() - started
    phase.cpu = cpu_seconds(server.pid) - cpu_before
    return phase


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--sequential", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--queue", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None, help="the server's --threads")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    args = parser.parse_args(argv)

    load_at_start = os.getloadavg()[0]
    port = free_port()
    server = start_server(port, args.workers, args.queue, args.threads)
    payloads = bodies()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            health = wait_healthy(client, server)
            rss_start = rss_mib(server.pid)
            warm = run_phase(client, server, "warm-up", len(payloads), 1, payloads)
            rss_warm = rss_mib(server.pid)
            phases = [
                run_phase(client, server, "sequential", args.sequential, 1, payloads),
                run_phase(client, server, "concurrent", args.requests, args.concurrency, payloads),
            ]
            rss_end = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)

    growth = (rss_end - rss_warm) / rss_warm
    result = {
        "cpus": os.cpu_count(),
        "load_average_1m_at_start": round(load_at_start, 2),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "model": health["model"],
        "workers": args.workers,
        "threads": args.threads or "torch default",
        "queue": args.queue,
        "warm_up": warm.summary(),
        "phases": [phase.summary() for phase in phases],
        "rss_mib": {
            "after_start": round(rss_start, 1),
            "after_warm_up": round(rss_warm, 1),
            "after_load": round(rss_end, 1),
            "growth_since_warm_up": f"{growth:+.1%}",
        },
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = sum(phase.errors for phase in (warm, *phases))
    if failed or growth > MAX_GROWTH:
        print(f"serve_load: {failed} errors, memory growth {growth:+.1%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
