"""Ray: a local Ray cluster started by this benchmark computes the same findings as
the local engine.

    python bench/ray_engine.py [--sources 20]

Starts a Ray head on this machine (`ray start --head --block`, 2 CPUs, no dashboard,
no usage reports), builds the same corpus with `accord build --engine ray --address`
against it and with the local engine, compares the findings, entities and timeline
JSON, prints both times, and stops the head it started (and nothing else). Uses
the seeds varied (`synth.py`) when present, else the bundled examples.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_corpus, seed_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# a throw-away cluster on loopback only: no usage reports, no token to hand around.
# One hash seed for both builds: the resolver's choice of which alias explains a merge
# can follow set order, which would differ between any two processes, engine or not.
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled",
       "PYTHONHASHSEED": "0"}


def _accord(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "accord"), *args], capture_output=True, text=True, env=ENV)


def _views(db: str) -> dict:
    return {v: json.loads(_accord(v, "--db", db, *(["-f", "json"] if v != "findings" else [])).stdout)
            for v in ("findings", "entities", "timeline")}


def _stop(head: subprocess.Popen) -> None:
    """Stop the head this benchmark started, with its children (its own process
    group), and nothing else: politely, then for good."""
    os.killpg(head.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        head.wait(timeout=20)
    time.sleep(2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(head.pid, signal.SIGKILL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if seed_texts():
            pile = Path(tmp) / "pile"
            make_corpus(pile, args.sources)
        else:
            pile = ROOT / "examples"
        port = _free_port()
        head = subprocess.Popen(
            [str(BIN / "ray"), "start", "--head", "--block", "--node-ip-address=127.0.0.1",
             f"--port={port}", "--num-cpus=2", "--include-dashboard=false",
             "--disable-usage-stats", f"--temp-dir={tmp}/ray"], env=ENV, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            time.sleep(8)  # the head needs a few seconds before it takes drivers
            t0 = time.perf_counter()
            ray_run = _accord("build", str(pile), "--db", f"{tmp}/ray.db", "--engine", "ray",
                              "--address", f"127.0.0.1:{port}", "--batch", "2", "-q")
            t_ray = time.perf_counter() - t0
        finally:
            _stop(head)
        t0 = time.perf_counter()
        local_run = _accord("build", str(pile), "--db", f"{tmp}/local.db", "-j", "2",
                            "--batch", "2", "-q")
        t_local = time.perf_counter() - t0
        if ray_run.returncode not in (0, 1) or local_run.returncode not in (0, 1):
            print("build failed:", ray_run.stderr[-2000:], local_run.stderr[-2000:])
            return
        a, b = _views(f"{tmp}/ray.db"), _views(f"{tmp}/local.db")
    n = len(a["findings"]["findings"])
    print(f"corpus: {pile.name if pile.name == 'examples' else f'{args.sources} varied seeds'}")
    print(f"ray engine (local cluster, 2 CPUs): {t_ray:6.1f} s, {n} findings")
    print(f"local engine (2 jobs):              {t_local:6.1f} s")
    for view in ("findings", "entities", "timeline"):
        print(f"{view:<9} identical: {a[view] == b[view]}")
    print(f"ratio ray / local time = {t_ray / t_local:.2f} (Ray start-up included)")


if __name__ == "__main__":
    main()
