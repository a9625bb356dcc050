"""The real app in a real browser: ``streamlit run`` on localhost, driven by Debian's Chromium.

Screenshots of every page land in test-artifacts/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards.launch import server_environment, streamlit_command
from tests.dashboard_fixture import publish_sector

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "funding": "",
    "quality": "quality",
    "partnerships": "partnerships",
    "provider_profile": "provider_profile",
    "collection": "collection",
    "specialist_mentors": "specialist_mentors",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's Chromium is not installed at /usr/bin/chromium (make browser installs it)",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, home, audience: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = home.root.parent / f"streamlit-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                streamlit_command(self.port),
                env=server_environment(home, audience),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sector_home(tmp_path_factory):
    return publish_sector(tmp_path_factory.mktemp("browser") / "mpo_home")


def load(page, url: str) -> str:
    """Open a page, wait until Streamlit has finished running it, return its text."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(1500)  # charts draw after the script finishes
    return page.inner_text("body")


def screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport to fit it."""
    height = page.evaluate(
        'Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], '
        '[data-testid="stAppViewContainer"] *\')].map(e => e.scrollHeight))'
    )
    page.set_viewport_size({"width": 1440, "height": min(max(int(height), 1000), 6000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1440, "height": 1000})


@pytest.mark.parametrize("audience", ["national", "partnership:P1", "public"])
def test_every_page_loads_without_an_exception(browser, sector_home, audience):
    home, publication = sector_home
    server = Server(home, audience)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        for name, path in PAGES.items():
            text = load(page, server.url + path)
            assert page.locator("[data-testid='stException']").count() == 0, f"{name}: {text[:2000]}"
            assert publication.build_id in text, name
            screenshot(page, SCREENSHOTS / f"{audience.replace(':', '-')}-{name}.png")
        page.close()
    finally:
        server.stop()


def test_a_new_publication_shows_on_the_next_page_load(browser, tmp_path):
    home, first = publish_sector(tmp_path / "mpo_home", seed=11)
    server = Server(home, "national")
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        assert first.build_id in load(page, server.url)
        _, second = publish_sector(tmp_path / "mpo_home", seed=11, spend_scale=0.5)
        text = load(page, server.url)
        assert second.build_id in text and first.build_id not in text
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
    finally:
        server.stop()
