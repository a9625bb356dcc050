"""The order of decisions of spec section 1, on receipts alone."""

from datetime import datetime

from mpo.collection.decide import (
    ACCEPTED,
    DUPLICATE,
    REJECTED,
    STALE,
    SUPERSEDED,
    Current,
    resolve,
    screen,
    to_validate,
)
from mpo.collection.journal import Receipt

RECEIVED = datetime(2026, 1, 20, 9, 0)


def receipt(seq: int, stamp: str, sha: str | None = None, ukprn: int = 10000001, name: str | None = None):
    file_name = name or f"MPR_{ukprn}_2025-26_{stamp}.xlsx"
    return Receipt(seq, file_name, f"{file_name}|1|{seq}", sha or f"sha{seq}", 1, RECEIVED)


def decide(receipts, known=None, current=None, failing=()):
    current = current or {}
    decisions = screen(receipts, known or {})
    validated = {d.receipt.seq for d in to_validate(decisions, current)}
    batch = resolve(decisions, current, lambda seq: seq in failing)
    return {d.receipt.seq: d.status for d in batch.decisions}, batch, validated


def test_same_bytes_twice_is_a_duplicate_of_the_first_whatever_its_name():
    statuses, batch, _ = decide([receipt(1, "20260110T090000", "same"),
                                 receipt(2, "20260111T090000", "same")])
    assert statuses == {1: ACCEPTED, 2: DUPLICATE}
    assert batch.decisions[1].duplicate_of == 1


def test_bytes_seen_in_an_earlier_batch_are_a_duplicate_even_of_a_rejected_file():
    statuses, batch, _ = decide([receipt(5, "20260110T090000", "old")], known={"old": 2})
    assert statuses == {5: DUPLICATE} and batch.decisions[0].duplicate_of == 2


def test_a_name_that_does_not_parse_is_rejected_before_validation():
    statuses, _, validated = decide([receipt(1, "x", name="mentoring return.xlsx")])
    assert statuses == {1: REJECTED} and validated == set()


def test_files_of_a_provider_year_are_taken_in_file_timestamp_order_not_receipt_order():
    statuses, batch, _ = decide([receipt(1, "20260112T090000"), receipt(2, "20260110T090000")])
    assert statuses == {1: ACCEPTED, 2: SUPERSEDED}
    assert batch.decisions[1].superseded_by == 1


def test_older_than_the_stored_accepted_return_is_stale_and_not_validated():
    current = {(10000001, "2025-26"): Current(7, datetime(2026, 1, 15))}
    statuses, batch, validated = decide([receipt(8, "20260114T235959"), receipt(9, "20260115T000000")],
                                        current=current)
    assert statuses == {8: STALE, 9: STALE} and validated == set()
    assert batch.superseded_in_store == {}


def test_a_newer_accepted_return_supersedes_the_stored_one():
    current = {(10000001, "2025-26"): Current(7, datetime(2026, 1, 15))}
    statuses, batch, _ = decide([receipt(8, "20260116T090000")], current=current)
    assert statuses == {8: ACCEPTED} and batch.superseded_in_store == {7: 8}


def test_a_rejected_return_changes_nothing():
    current = {(10000001, "2025-26"): Current(7, datetime(2026, 1, 15))}
    statuses, batch, _ = decide([receipt(8, "20260116T090000")], current=current, failing={8})
    assert statuses == {8: REJECTED} and batch.superseded_in_store == {}


def test_rejected_after_accepted_in_one_batch_leaves_the_accepted_one_current():
    statuses, _, _ = decide([receipt(1, "20260110T090000"), receipt(2, "20260111T090000")], failing={2})
    assert statuses == {1: ACCEPTED, 2: REJECTED}


def test_same_timestamp_as_an_accepted_file_in_the_batch_is_stale():
    statuses, _, _ = decide([receipt(1, "20260110T090000"), receipt(2, "20260110T090000")])
    assert statuses == {1: ACCEPTED, 2: STALE}


def test_provider_years_are_decided_independently():
    statuses, _, _ = decide([receipt(1, "20260110T090000", ukprn=10000001),
                             receipt(2, "20260109T090000", ukprn=10000002)])
    assert statuses == {1: ACCEPTED, 2: ACCEPTED}
