"""``mpo dashboard`` / ``mpo demo``: serve the Streamlit app for one audience on localhost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dashboards.access import AUDIENCE_VARIABLE, AudienceError, parse_audience
from mpo.config import MpoHome

APP = Path(__file__).resolve().parent / "app.py"
HOST = "127.0.0.1"


def streamlit_command(port: int) -> list[str]:
    """The server command; the browser test starts the app with exactly this."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.address={HOST}",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--theme.base=light",
        "--theme.primaryColor=#0072B2",
    ]


def server_environment(home: MpoHome, audience: str) -> dict[str, str]:
    """The audience travels in the server's environment: nothing in a request can change it."""
    return {**os.environ, "MPO_HOME": str(home.root), AUDIENCE_VARIABLE: audience}


def serve_dashboard(home: MpoHome, audience: str, port: int) -> int:
    try:
        parsed = parse_audience(audience)
    except AudienceError as error:
        print(f"mpo dashboard: {error}", file=sys.stderr)
        return 2
    print(f"Serving the MPO dashboards for {parsed.describe()} from {home.root}")
    print(f"Open http://{HOST}:{port}/ in a browser (Ctrl+C stops the server).", flush=True)
    try:
        return subprocess.run(streamlit_command(port), env=server_environment(home, str(parsed))).returncode
    except KeyboardInterrupt:
        return 130
