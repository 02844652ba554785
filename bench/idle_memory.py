"""Idle memory: resident set size of `standpoint serve --http` once it is up and quiet.

Starts the real command as a subprocess against a fake Slack Web API (in this process) and
a migrated, seeded SQLite file, waits for `/healthz` to answer 200, lets it sit for a couple
of seconds (start-up work, the scheduler's first pass), then reads VmRSS from
/proc/<pid>/status; then sends signed slash commands one at a time (10,000 by default), idles
again and reads VmRSS once more, so a leak shows as growth. Linux only.

Run: `python -m bench.idle_memory [--requests N]`.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.dataset import migrated_sqlite
from bench.http_servers import SECRET, TOKEN
from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi

STARTUP_TIMEOUT = 60.0
SETTLE_SECONDS = 2.0
# What a desk asks most: pair answers (with an as-of), a board, a search, a fuzzy name.
QUESTIONS = (
    "putin on ceasefire",
    "putin on ceasefire as of 1 April 2025",
    "topic ceasefire",
    "search frozen conflict",
    "putn on ceasefire",
)


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def standpoint_command() -> list[str]:
    """The installed `standpoint` script next to this interpreter."""
    return [str(Path(sys.executable).parent / "standpoint"), "serve", "--http"]


def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll /healthz until 200; fail if the process exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/healthz"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"standpoint serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # bounded by the deadline above
    raise TimeoutError(f"/healthz not 200 within {timeout:.0f} s")


def vm_rss_mb(pid: int) -> float:
    """VmRSS of `pid` in megabytes (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise LookupError(f"no VmRSS for pid {pid}")


def measure(*, settle: float = SETTLE_SECONDS) -> float:
    """Start the server, wait until healthy and quiet, return its RSS in MB."""
    return measure_flat(settle=settle, requests=0)[0]


def measure_flat(*, settle: float = SETTLE_SECONDS, requests: int) -> tuple[float, float]:
    """RSS in MB once idle, and again after `requests` signed slash commands (then idle)."""
    with tempfile.TemporaryDirectory(prefix="standpoint-idle-") as scratch, FakeSlackApi() as fake:
        url = migrated_sqlite(Path(scratch) / "idle.db")
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": scratch,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": url,
            "PORT": str(port),
        }
        # cwd is the scratch dir, so a developer's .env is not read.
        process = subprocess.Popen(  # noqa: S603  (our own installed script)
            standpoint_command(),
            env=env,
            cwd=scratch,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            try:
                wait_healthy(port, process, STARTUP_TIMEOUT)
            except (RuntimeError, TimeoutError) as error:
                process.terminate()
                _, stderr = process.communicate(timeout=10)
                raise RuntimeError(f"{error}: {stderr.decode(errors='replace')[-800:]}") from error
            time.sleep(settle)  # idle: let start-up work and the first scheduler pass finish
            before = vm_rss_mb(process.pid)
            if not requests:
                return before, before
            send_commands(f"http://127.0.0.1:{port}/slack/events", fake, count=requests)
            time.sleep(settle)  # idle again: replies sent, workers back in their pools
            return before, vm_rss_mb(process.pid)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def send_commands(url: str, fake: FakeSlackApi, *, count: int) -> None:
    """`count` signed slash commands, one at a time, cycling through the kinds of answer."""
    for index in range(count):
        text = QUESTIONS[index % len(QUESTIONS)]
        body = signing.slash_command(text, response_url=fake.response_url())
        status, _, _ = signing.post(url, body, signing.sign(SECRET, body))
        if status != 200:
            raise RuntimeError(f"request {index} ({text!r}) answered {status}")


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.idle_memory", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS, help="idle seconds")
    parser.add_argument("--requests", type=int, default=10_000, help="signed requests to send")
    args = parser.parse_args(argv)
    before, after = measure_flat(settle=args.settle, requests=args.requests)
    print(
        f"standpoint serve --http, idle: {before:.1f} MB RSS; after {args.requests:,} requests: "
        f"{after:.1f} MB RSS ({after - before:+.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
