"""Collect: decide, validate, load and report every received file not yet in the collection store."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mpo.collection import decide, store
from mpo.collection.audit import decided, record_missing, record_publication, submission_events
from mpo.collection.decide import BatchDecisions, Current, Decision
from mpo.collection.journal import Journal, Receipt, close_batch, read_journal
from mpo.collection.load import ISSUE_COLUMNS, SUBMISSION_COLUMNS, load_batch, replace_reference
from mpo.collection.receive import archive_path
from mpo.collection.report import write_report
from mpo.collection.validate import ReceivedReturn, file_name_issues, validate_returns
from mpo.config import MpoHome
from mpo.faults import checkpoint
from mpo.reference import Reference, load_reference
from mpo.warehouse.publish import current_publication
from schemas.rules import ERROR, WARNING


@dataclass(frozen=True)
class CollectionSummary:
    statuses: Counter
    store_version: str  # changes whenever the store's content does; the warehouse is rebuilt when it does

    def describe(self) -> str:
        counts = ", ".join(f"{count} {status.lower()}" for status, count in sorted(self.statuses.items()))
        return f"{sum(self.statuses.values())} new submissions" + (f": {counts}" if counts else "")


def collect(home: MpoHome) -> CollectionSummary:
    """Turn pending receipts into submissions, batch by batch as the journal's markers say.

    Each batch is decided, closed in the journal, reported and then stored in one transaction, so a
    crash anywhere leaves either the batch wholly stored or a next run that decides it the same way.
    """
    reference = load_reference(home.reference)
    with store.connect(home.collection_store) as connection:
        replace_reference(connection, reference, reference_digest(home.reference))
        done = {row[0] for row in connection.execute("select submission_id from submissions").fetchall()}
        journal = read_journal(home.receipts_journal)
        statuses: Counter = Counter()
        for receipts in journal.batches(r for r in journal.receipts if r.seq not in done):
            statuses.update(_collect_batch(connection, home, journal, receipts, reference))
        _record_history(home, connection)
        version = store.content_version(connection)
    return CollectionSummary(statuses, version)


def _collect_batch(connection, home: MpoHome, journal: Journal, receipts: list[Receipt],
                   reference: Reference) -> Counter:
    batch, issues, parts = _decide_batch(connection, home, receipts, reference)
    checkpoint("collect.decided")
    last = receipts[-1].seq
    if not any(end >= last for end in journal.batch_ends):
        close_batch(home.receipts_journal, last)
        journal.batch_ends.append(last)
    submissions = _submission_rows(batch, issues)
    # Reports before the commit: should a crash come between, the next run decides this very batch
    # again (the marker above fixes it) and rewrites the same reports.
    _write_reports(home, connection, submissions, issues, batch.superseded_in_store)
    checkpoint("collect.reported")
    load_batch(connection, submissions, issues, parts, batch.superseded_in_store)
    checkpoint("collect.loaded")
    return Counter(submissions["status"])


def _record_history(home: MpoHome, connection) -> None:
    """Audit what the store and the publication hold and the log does not (yet): this batch's
    decisions, or those a crash kept from the log last time."""
    cursor = connection.execute(
        "select submission_id, sha256, file_name, ukprn, status, error_count, warning_count, superseded_by, "
        "duplicate_of from submissions order by submission_id"
    )
    names = [column[0] for column in cursor.description]
    held = decided(home.audit_log)
    record_missing(home.audit_log, (
        event for row in cursor.fetchall() for event in submission_events(
            dict(zip(names, row, strict=True)), row[0] in held)
    ), "audit.decisions")
    publication = current_publication(home)
    if publication is not None and publication.snapshot.exists():
        record_publication(home.audit_log, publication.build_id, publication.snapshot,
                           publication.source_version)


def reference_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _decide_batch(connection, home: MpoHome, pending, reference: Reference):
    known = dict(connection.execute(
        "select sha256, min(submission_id) from submissions group by sha256").fetchall())
    current = {
        (ukprn, year): Current(submission_id, file_timestamp)
        for submission_id, ukprn, year, file_timestamp in connection.execute(
            "select submission_id, ukprn, year, file_timestamp from submissions where status = 'ACCEPTED'"
        ).fetchall()
    }
    decisions = decide.screen(pending, known)
    candidates = decide.to_validate(decisions, current)
    checkpoint("collect.validating")
    result = validate_returns([
        ReceivedReturn(d.receipt.seq, d.receipt.file_name,
                       archive_path(home.archive, d.receipt.sha256, d.receipt.file_name),
                       d.receipt.received_at, d.name)
        for d in candidates
    ], reference)
    failed = set(result.issues.loc[result.issues["severity"] == ERROR, "submission_id"])
    batch = decide.resolve(decisions, current, lambda submission_id: submission_id in failed)
    validated = {d.receipt.seq for d in batch.decisions if d.status in (decide.ACCEPTED, decide.REJECTED,
                                                                          decide.SUPERSEDED)}
    name_issues = file_name_issues((d.receipt.seq, d.receipt.file_name)
                                   for d in batch.decisions if d.status == decide.REJECTED and d.name is None)
    # an empty frame in a concatenation would blur the issues' column types
    validated_issues = result.issues[result.issues["submission_id"].isin(validated)]
    frames = [frame for frame in (validated_issues, name_issues) if len(frame)]
    issues = pd.concat(frames, ignore_index=True) if frames else name_issues
    names = {d.receipt.seq: d.receipt.file_name for d in batch.decisions}
    issues["file_name"] = issues["submission_id"].map(names)
    accepted = {d.receipt.seq for d in batch.decisions if d.status in (decide.ACCEPTED, decide.SUPERSEDED)}
    parts = {name: frame[frame["submission_id"].isin(accepted)] for name, frame in result.parts.items()}
    return batch, issues.loc[:, list(ISSUE_COLUMNS)], parts


def _submission_rows(batch: BatchDecisions, issues: pd.DataFrame) -> pd.DataFrame:
    counts = issues.groupby(["submission_id", "severity"]).size().unstack(fill_value=0)
    rows = [_submission_row(d, counts) for d in batch.decisions]
    return pd.DataFrame(rows, columns=list(SUBMISSION_COLUMNS))


def _submission_row(decision: Decision, counts: pd.DataFrame) -> dict:
    receipt, name = decision.receipt, decision.name
    extension = receipt.file_name.rsplit(".", 1)[-1].lower()

    def count(severity: str) -> int:
        has = receipt.seq in counts.index and severity in counts.columns
        return int(counts.at[receipt.seq, severity]) if has else 0

    return {
        "submission_id": receipt.seq, "file_name": receipt.file_name, "sha256": receipt.sha256,
        "ukprn": name.ukprn if name else None, "year": name.year if name else None,
        "file_timestamp": name.file_timestamp if name else None, "received_at": receipt.received_at,
        "status": decision.status, "error_count": count(ERROR), "warning_count": count(WARNING),
        "superseded_by": decision.superseded_by, "duplicate_of": decision.duplicate_of,
        "container": extension if extension in ("xlsx", "zip") else None, "size_bytes": receipt.size_bytes,
    }


def _write_reports(home: MpoHome, connection, submissions: pd.DataFrame, issues: pd.DataFrame,
                   superseded: dict[int, int]) -> None:
    """A report for each new submission, and a fresh one for each older submission this batch supersedes."""
    by_submission: dict[int, list[dict]] = {}
    for issue in issues.to_dict("records"):
        by_submission.setdefault(issue["submission_id"], []).append(issue)
    for row in submissions.to_dict("records"):
        write_report(home.reports, row, by_submission.get(row["submission_id"], []))
    for old in superseded:
        row = connection.execute(
            f"select {', '.join(SUBMISSION_COLUMNS)} from submissions where submission_id = ?", [old]
        ).df().to_dict("records")[0] | {"status": decide.SUPERSEDED, "superseded_by": superseded[old]}
        old_issues = connection.execute(
            "select * from validation_issues where submission_id = ? order by part, row_number", [old]
        ).df().to_dict("records")
        write_report(home.reports, row, old_issues)
