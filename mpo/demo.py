"""`make demo`: generate a sector, process it through the real pipeline, and open the dashboard."""

from __future__ import annotations

import time

from mpo.config import MpoHome


def run_demo(home: MpoHome, providers: int, serve: bool) -> int:
    from dashboards.launch import serve_dashboard
    from mpo.cli import DEFAULT_YEARS
    from mpo.sector.generate import generate_sector
    from pipelines.run import process_landing

    home.init()
    if not any(home.landing.iterdir()):
        started = time.perf_counter()
        summary = generate_sector(home, providers=providers, years=DEFAULT_YEARS.split(","), seed=2026,
                                  faulty_share=0.1, progress=True)
        print(f"{summary.describe()} ({time.perf_counter() - started:.1f} s)")
    else:
        print(f"{home.landing} already holds returns: processing them as they are")
    started = time.perf_counter()
    outcome = process_landing(home, settle_seconds=0)
    print(outcome.describe())
    print(f"processed in {time.perf_counter() - started:.1f} s")
    if not outcome.ok:
        return 1
    return serve_dashboard(home, audience="national", port=8501) if serve else 0
