"""Measure 6: every dashboard page at five years of the default sector: its queries, and its render."""

from __future__ import annotations

import statistics
import time

from dashboards.access import parse_audience
from dashboards.data import open_warehouse
from mpo.bench.browser import browser_unavailable, page_render_seconds
from mpo.bench.context import BenchContext
from mpo.bench.dashboard_pages import PAGES
from mpo.bench.figures import Measure, at_most
from mpo.config import MpoHome

TARGET_QUERY_MS = 300.0
TARGET_RENDER_SECONDS = 2.0
QUERY_REPEATS = 5


def measure(ctx: BenchContext) -> Measure:
    sector, home, _ = ctx.process_run(years=ctx.sizes.dashboard_years)
    title = f"Dashboard pages, {sector.providers} providers x {len(sector.years)} years"
    result = Measure("dashboard", title)
    national = open_warehouse(home, parse_audience("national"))
    assert national is not None, "process_landing published nothing"
    partnership = national.partnerships()["partnership_code"].iloc[0]
    queries = {audience: _page_query_ms(home, audience)
               for audience in ("national", f"partnership:{partnership}", "public")}
    result.details["query_ms"] = queries
    slowest = max(((ms["warm"], page, audience) for audience, pages in queries.items()
                   for page, ms in pages.items()))
    result.figures.append(at_most("slowest page's queries", slowest[0], TARGET_QUERY_MS, "ms",
                                  f"{slowest[1]} ({slowest[2]}), median of {QUERY_REPEATS} page loads"))
    unavailable = browser_unavailable()
    if unavailable:
        result.skip("slowest page render", unavailable)
        return result
    ctx.progress("rendering every page in headless Chromium")
    renders = page_render_seconds(home, "national", ctx.sizes.browser_loads, ctx.work / "streamlit.log")
    result.details["render_seconds_national"] = renders
    page, seconds = max(((timing["warm"], name) for name, timing in renders.items()))[::-1]
    result.figures.append(at_most("slowest page render (browser)", seconds, TARGET_RENDER_SECONDS, "s",
                                  f"{page} (national), median of warm loads; script finished, heading shown"))
    return result


def _page_query_ms(home: MpoHome, audience_text: str) -> dict[str, dict[str, float]]:
    """Per page: the first load's query time and the median of the next loads, in milliseconds."""
    audience = parse_audience(audience_text)
    timings = {}
    for name, page in PAGES.items():
        samples = []
        for _ in range(QUERY_REPEATS + 1):
            started = time.perf_counter()
            warehouse = open_warehouse(home, audience)  # what open_page does on every load
            assert warehouse is not None
            page(warehouse)
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = {"cold": samples[0], "warm": statistics.median(samples[1:])}
    return timings
