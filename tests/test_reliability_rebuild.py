"""The archive and its receipts journal are the source of truth: a replay into an empty store decides
every file as it was decided, and `mpo rebuild` republishes the very same warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from mpo.collection.collect import collect
from mpo.collection.journal import read_journal
from mpo.collection.receive import receive_landing
from mpo.collection.store import store_tables
from mpo.config import MpoHome
from mpo.rebuild import move_store_aside
from mpo.returns.naming import parse_return_name
from tests.reliability_sector import (
    assert_each_file_once,
    deliver,
    file_statuses,
    held_sector,
    published_rows,
    run_mpo,
)


def out_of_order_batches(root: Path, batches: int) -> tuple[MpoHome, list[list[str]]]:
    """The sector in receipt-order batches, except that each resubmitted provider-year's first file
    arrives last: STALE against the batch before, but decided first were it in the same batch."""
    home, groups = held_sector(root, providers=12, batches=batches)
    by_year: dict[tuple, list[str]] = {}
    for name in (n for group in groups for n in group):
        if (parsed := parse_return_name(name)) is not None:
            by_year.setdefault((parsed.ukprn, parsed.year), []).append(name)
    late = {min(names, key=lambda n: parse_return_name(n).file_timestamp)
            for names in by_year.values() if len(names) > 1}
    assert late, "the sector has no resubmissions to send out of order"
    groups = [[n for n in group if n not in late] for group in groups]
    groups[-1] += sorted(late)
    return home, groups


def store_content(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as store:
        return {table: sorted(store.execute(f"select * from {table}").fetchall(), key=repr)
                for table in store_tables()}


def test_a_replay_of_the_journal_decides_every_file_as_it_was_decided(tmp_path):
    home, batches = out_of_order_batches(tmp_path / "home", batches=4)
    for number, batch in enumerate(batches):
        deliver(home, batch)
        receive_landing(home, settle_seconds=0)
        if number != 1:  # batch 1 is received but, as after a crash, not decided before batch 2 arrives
            collect(home)
    original = store_content(home.collection_store)
    assert {status for status in file_statuses(home).values()} >= {"ACCEPTED", "REJECTED", "STALE"}
    assert len(read_journal(home.receipts_journal).batch_ends) == 3
    aside = move_store_aside(home)
    collect(home)
    assert store_content(home.collection_store) == original
    assert store_content(aside / "collection.duckdb") == original  # the old store is kept, untouched


@pytest.mark.slow
def test_mpo_rebuild_republishes_the_same_warehouse(tmp_path, say):
    home, batches = out_of_order_batches(tmp_path / "home", batches=3)
    deliver(home, batches[0])
    assert run_mpo(home, "process").returncode == 0
    deliver(home, batches[1])
    # killed after deciding, before closing the batch: the next run decides it with the files of batch 2
    assert run_mpo(home, "process", fault="collect.decided:1").returncode == -9
    deliver(home, batches[2])
    assert run_mpo(home, "process").returncode == 0
    published, statuses = published_rows(home, ignore=frozenset()), file_statuses(home)
    rebuilt = run_mpo(home, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stdout[-2000:] + rebuilt.stderr[-2000:]
    assert file_statuses(home) == statuses
    assert published_rows(home, ignore=frozenset()) == published  # received_at included
    assert len(list((home.state / "replaced").glob("*/collection.duckdb"))) == 1
    files = assert_each_file_once(home)
    batches = len(read_journal(home.receipts_journal).batch_ends)
    say(f"rebuild: {files} archived files replayed in {batches} "
        f"batches, {sum(len(rows) for rows in published.values())} published rows reproduced")
