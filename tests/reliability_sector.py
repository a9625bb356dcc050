"""Shared by the reliability tests: a small synthetic sector held back and delivered in batches,
`mpo` run as a separate process (so it can be killed), and the published warehouse read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb

from mpo.collection.audit import DECISIONS, event_key, read_events
from mpo.collection.journal import read_journal
from mpo.collection.receive import archive_path
from mpo.config import MpoHome
from mpo.faults import FAULT_POINT_VARIABLE
from mpo.sector.generate import generate_sector, late_folder
from mpo.warehouse.extracts import published_tables
from mpo.warehouse.publish import current_publication

MPO = str(Path(sys.executable).parent / "mpo")
# Wall-clock times of receipt differ between two runs over the same files; everything else must not.
RUN_TIMES = frozenset({"received_at", "last_received_at"})


def held_sector(root: Path, providers: int, batches: int, seed: int = 11) -> tuple[MpoHome, list[list[str]]]:
    """A generated sector whose files wait in ``<root>/held`` (mtimes kept), in receipt-order batches."""
    home = MpoHome(root).init()
    generate_sector(home, providers=providers, seed=seed)
    held = root / "held"
    held.mkdir()
    late = sorted(late_folder(home).glob("MPR*")) if late_folder(home).exists() else []
    for path in [*home.landing.iterdir(), *late]:
        os.replace(path, held / path.name)
    names = sorted((path.name for path in held.iterdir()), key=lambda n: ((held / n).stat().st_mtime_ns, n))
    size = -(-len(names) // batches)
    return home, [names[i:i + size] for i in range(0, len(names), size)]


def deliver(home: MpoHome, names: list[str]) -> None:
    for name in names:
        os.replace(home.root / "held" / name, home.landing / name)


def copy_home(template: MpoHome, root: Path) -> MpoHome:
    shutil.copytree(template.root, root, symlinks=True)
    return MpoHome(root)


def run_mpo(home: MpoHome, *args: str, fault: str | None = None,
            timeout: float = 900) -> subprocess.CompletedProcess:
    """`mpo <args>` in its own process group (a fault kills the run and its dbt child, nothing else)."""
    env = {**os.environ, "MPO_HOME": str(home.root)}
    env.pop(FAULT_POINT_VARIABLE, None)
    if fault:
        env[FAULT_POINT_VARIABLE] = fault
    return subprocess.run([MPO, *args], env=env, capture_output=True, text=True, timeout=timeout,
                          start_new_session=True)


def warehouse_rows(path: Path, ignore: frozenset[str] = RUN_TIMES) -> dict[str, list[tuple]]:
    """Every published mart's rows, sorted, without the ``ignore`` columns (opened read-only)."""
    with duckdb.connect(str(path), read_only=True) as warehouse:
        tables = {}
        for table in published_tables(warehouse):
            columns = [row[0] for row in warehouse.execute(
                "select column_name from duckdb_columns() where schema_name = 'main' and table_name = ? "
                "order by column_index", [table]).fetchall() if row[0] not in ignore]
            rows = warehouse.execute(f"select {', '.join(columns)} from {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
        return tables


def published_rows(home: MpoHome, ignore: frozenset[str] = RUN_TIMES) -> dict[str, list[tuple]] | None:
    """The warehouse readers find through ``current.json``; None before the first publication."""
    publication = current_publication(home)
    return None if publication is None else warehouse_rows(publication.snapshot, ignore)


def file_statuses(home: MpoHome) -> dict[tuple[int, str, str], str]:
    """(submission_id, file name, SHA-256) -> status, from the collection store."""
    with duckdb.connect(str(home.collection_store), read_only=True) as store:
        return {(sid, name, sha): status for sid, name, sha, status in store.execute(
            "select submission_id, file_name, sha256, status from submissions").fetchall()}


def assert_each_file_once(home: MpoHome) -> int:
    """No file lost, none taken twice: landing = journal = store = archive, one audit trail each.

    Returns the number of submissions checked.
    """
    journal = read_journal(home.receipts_journal)
    keys = [receipt.landing_key for receipt in journal.receipts]
    assert len(keys) == len(set(keys)), "a landing file was received twice"
    assert [r.seq for r in journal.receipts] == list(range(1, len(keys) + 1))
    landed = {f"{p.name}|{p.stat().st_size}|{p.stat().st_mtime_ns}" for p in home.landing.iterdir()
              if not p.name.startswith(".")}
    assert landed <= set(keys), f"never received: {sorted(landed - set(keys))[:3]}"
    assert journal.batch_ends == sorted(set(journal.batch_ends)) and journal.batch_ends[-1] == len(keys)
    statuses = {sid: status for (sid, _, _), status in file_statuses(home).items()}
    assert sorted(statuses) == [r.seq for r in journal.receipts], "the store and the journal disagree"
    for receipt in journal.receipts:
        archived = archive_path(home.archive, receipt.sha256, receipt.file_name)
        assert archived.stat().st_size == receipt.size_bytes
    events = Counter(event_key(e)[:2] for e in read_events(home.audit_log) if "submission_id" in e)
    assert max(events.values()) == 1, [key for key, n in events.items() if n > 1][:3]
    for sid, status in statuses.items():
        assert events[("received", sid)] == events[("archived", sid)] == 1, sid
        assert sum(events[(decision, sid)] for decision in DECISIONS) == 1, sid
        assert events[("superseded", sid)] == (status == "SUPERSEDED"), sid
        report = (home.reports / f"{sid}.json").read_text(encoding="utf-8")
        assert f'"status": "{status}"' in report, f"report {sid} does not say {status}"
    published = Counter(e["build_id"] for e in read_events(home.audit_log) if e["event"] == "published")
    publication = current_publication(home)
    assert publication is not None and published[publication.build_id] == 1 and max(published.values()) == 1
    return len(statuses)
