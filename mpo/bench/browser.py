"""How long each dashboard page takes to render in a real browser (headless Debian Chromium).

A page counts as rendered when Streamlit says its script has finished (``stApp`` carries
``data-test-script-state="notRunning"``) and the page heading is on screen: from then on the
reader has every figure; charts are drawn by the browser in the next frames.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboards.launch import server_environment, streamlit_command
from mpo.bench.dashboard_pages import PAGE_PATHS
from mpo.config import MpoHome

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RENDERED = "[data-testid='stApp'][data-test-script-state='notRunning'] h1"


def browser_unavailable() -> str | None:
    """Why the browser figures cannot be taken here, or None when they can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (make browser installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def streamlit_server(home: MpoHome, audience: str, log: Path) -> Iterator[str]:
    """The real app (``mpo dashboard``'s command) on a free port; yields its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    with log.open("wb") as output:
        process = subprocess.Popen(streamlit_command(port), env=server_environment(home, audience),
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"streamlit did not start; see {log}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def page_render_seconds(home: MpoHome, audience: str, loads: int, log: Path) -> dict[str, dict[str, float]]:
    """Per page: the first load (cold) and the median of the later ones (warm), in seconds."""
    from playwright.sync_api import sync_playwright

    timings: dict[str, dict[str, float]] = {}
    with streamlit_server(home, audience, log) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 1440, "height": 1000})
            for name, path in PAGE_PATHS.items():
                seconds = []
                for _ in range(loads):
                    started = time.perf_counter()
                    page.goto(url + path, wait_until="commit")
                    page.wait_for_selector(RENDERED, timeout=60_000)
                    seconds.append(time.perf_counter() - started)
                warm = seconds[1:] or seconds
                timings[name] = {"cold": seconds[0], "warm": statistics.median(warm)}
        finally:
            chromium.close()
    return timings
