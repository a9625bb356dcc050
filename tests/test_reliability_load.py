"""Load and concurrency: a burst of 1,000 files arriving during runs, and readers during publishes.

The burst goes through the real landing sensor (its tick, its cursor, its run requests) and the real
job, while a writer thread is still delivering files, some of them written slowly in pieces. Each
file must be received, decided, stored, reported and audited exactly once. Then eight reader
processes query the published warehouse (through ``current.json`` as the dashboards do, and through
the stable ``warehouse.duckdb`` as analysts do) in a loop while it is published twenty times.
"""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dashboards.access import parse_audience
from mpo.config import MpoHome
from mpo.warehouse.publish import current_publication, publish
from pipelines.resources import MpoHomeResource, build_path
from pipelines.sensors import landing_sensor
from tests.reliability_sector import assert_each_file_once, deliver, held_sector

pytestmark = pytest.mark.slow

BURST = 1000
READERS = 8
PUBLISHES = 20


def write_slowly(home: MpoHome, names: list[str], pieces_from: int) -> None:
    """Deliver files one after another; from ``pieces_from`` on, every third is written in pieces
    under its final name (a provider's slow upload), the others appear whole (a rename)."""
    held = home.root / "held"
    for index, name in enumerate(names):
        if index >= pieces_from and index % 3 == 0:
            content = (held / name).read_bytes()
            with open(home.landing / name, "wb") as landing:
                for start in range(0, len(content), max(1, len(content) // 3)):
                    landing.write(content[start:start + max(1, len(content) // 3)])
                    landing.flush()
                    time.sleep(0.05)
            (held / name).unlink()
        else:
            deliver(home, [name])
        time.sleep(0.01)


def run_requested(home: MpoHome, instance: dg.DagsterInstance, request: dg.RunRequest) -> None:
    from pipelines.definitions import defs

    result = defs.resolve_job_def("process_returns").execute_in_process(
        run_config=request.run_config, instance=instance, raise_on_error=False,
        resources={"mpo_home": MpoHomeResource(root=str(home.root))},
    )
    assert result.success


@pytest.fixture(scope="module")
def burst(tmp_path_factory) -> tuple[MpoHome, int, float]:
    """1,000 files delivered by a writer thread while the sensor ticks and its runs run: the home,
    the number of runs and the seconds it took."""
    home, (names,) = held_sector(tmp_path_factory.mktemp("burst") / "home", providers=290, batches=1)
    names = names[:BURST]
    assert len(names) == BURST
    deliver(home, names[:100])
    writer = threading.Thread(target=write_slowly, args=(home, names[100:], 0))
    started, runs, cursor = time.perf_counter(), 0, None
    with pytest.MonkeyPatch.context() as patch, dg.instance_for_test() as instance:
        patch.setenv("MPO_HOME", str(home.root))
        writer.start()
        while True:
            tick = landing_sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=cursor))
            cursor = tick.cursor
            for request in tick.run_requests:
                run_requested(home, instance, request)
                runs += 1
            if not writer.is_alive() and not tick.run_requests and not _waiting(cursor):
                break
            time.sleep(0.5)
    return home, runs, time.perf_counter() - started


def test_a_burst_of_files_during_runs_is_processed_exactly_once(burst, say):
    home, runs, seconds = burst
    files = assert_each_file_once(home)
    assert files == BURST
    say(f"burst: {files} files, each processed exactly once, in {runs} sensor runs, {seconds:.0f} s")


def _waiting(cursor: str | None) -> bool:
    import json

    state = json.loads(cursor or "{}")
    return bool(state.get("pending") or state.get("requested"))


def read_in_a_loop(root: str, stop, errors, queries, ready) -> None:
    """A reader: the dashboards' route (current.json to a snapshot) and the analysts' (the stable name)."""
    from dashboards.data import open_warehouse

    home, audience = MpoHome(Path(root)), parse_audience("national")
    first = True
    while not stop.is_set():
        try:
            warehouse = open_warehouse(home, audience)
            assert len(warehouse.query("select * from provider_year_indicators")) > 0
            with duckdb.connect(str(home.warehouse), read_only=True) as analyst:
                assert analyst.execute("select count(*) from submissions").fetchone()[0] > 0
            with queries.get_lock():
                queries.value += 2
        except Exception as error:  # every error is the test's business: counted, not raised
            errors.put(repr(error))
        if first:
            first = False
            with ready.get_lock():
                ready.value += 1


def test_readers_see_no_error_while_the_warehouse_is_published_again_and_again(burst, tmp_path, say):
    home, *_ = burst
    context = multiprocessing.get_context("spawn")
    stop, errors = context.Event(), context.Queue()
    queries, ready = context.Value("i", 0), context.Value("i", 0)
    readers = [context.Process(target=read_in_a_loop, args=(str(home.root), stop, errors, queries, ready))
               for _ in range(READERS)]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + 120
    while ready.value < READERS and time.monotonic() < deadline:
        time.sleep(0.1)  # every reader up and reading before the first publish
    assert ready.value == READERS, "the readers did not start"
    # publishing prunes old snapshots, so the copies come from a file of the test's own
    source, template = current_publication(home), tmp_path / "published.duckdb"
    shutil.copyfile(source.snapshot, template)
    before = queries.value
    for number in range(PUBLISHES):
        build = build_path(home)
        shutil.copyfile(template, build)
        publish(home, build, f"{source.source_version}:{number}")
        time.sleep(0.2)
    during = queries.value - before
    stop.set()
    for reader in readers:
        reader.join(60)
    seen = []
    while not errors.empty():
        seen.append(errors.get())
    say(f"readers: {READERS} processes, {during} queries during {PUBLISHES} publishes, {len(seen)} errors")
    assert seen == []
    assert during >= 2 * PUBLISHES  # they really were reading while the warehouse changed under them
