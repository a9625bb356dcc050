"""The order of decisions of spec section 1: DUPLICATE, FILE02, STALE, then the validation outcome.

Pure functions over receipts and the store's current state, so the rules can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from mpo.collection.journal import Receipt
from mpo.returns.naming import ReturnName, parse_return_name

ACCEPTED, REJECTED, DUPLICATE, STALE, SUPERSEDED = "ACCEPTED", "REJECTED", "DUPLICATE", "STALE", "SUPERSEDED"


@dataclass(frozen=True)
class Current:
    """The accepted submission of a provider-year."""

    submission_id: int
    file_timestamp: datetime


@dataclass
class Decision:
    receipt: Receipt
    name: ReturnName | None
    status: str | None = None  # None until decided
    duplicate_of: int | None = None
    superseded_by: int | None = None


@dataclass
class BatchDecisions:
    decisions: list[Decision]
    superseded_in_store: dict[int, int] = field(default_factory=dict)  # old submission_id -> new one

    def by_status(self, status: str) -> list[Decision]:
        return [d for d in self.decisions if d.status == status]


def screen(receipts: Iterable[Receipt], known_sha256: Mapping[str, int]) -> list[Decision]:
    """Steps 1-2 in receipt order: DUPLICATE of any earlier bytes, REJECTED when the name does not parse."""
    seen = dict(known_sha256)
    decisions = []
    for receipt in sorted(receipts, key=lambda r: r.seq):
        decision = Decision(receipt, parse_return_name(receipt.file_name))
        if receipt.sha256 in seen:
            decision.status, decision.duplicate_of = DUPLICATE, seen[receipt.sha256]
        else:
            seen[receipt.sha256] = receipt.seq
            if decision.name is None:
                decision.status = REJECTED
        decisions.append(decision)
    return decisions


def to_validate(decisions: Iterable[Decision], current: Mapping[tuple[int, str], Current]) -> list[Decision]:
    """Undecided files not already older than the store's current submission: the ones worth validating."""
    return [
        d for d in decisions
        if d.status is None and not _is_stale(d, current.get((d.name.ukprn, d.name.year)))
    ]


def resolve(decisions: list[Decision], current: Mapping[tuple[int, str], Current],
            has_errors: Callable[[int], bool]) -> BatchDecisions:
    """Steps 3-4 per provider-year, files in file-timestamp order: STALE, REJECTED or ACCEPTED.

    An accepted file supersedes the provider-year's current submission, in the store or in the batch.
    """
    batch = BatchDecisions(decisions)
    undecided = sorted(
        (d for d in decisions if d.status is None),
        key=lambda d: (d.name.ukprn, d.name.year, d.name.file_timestamp, d.receipt.seq),
    )
    latest: dict[tuple[int, str], Current | Decision] = dict(current)
    for decision in undecided:
        key = (decision.name.ukprn, decision.name.year)
        holder = latest.get(key)
        if _is_stale(decision, _as_current(holder)):
            decision.status = STALE
        elif has_errors(decision.receipt.seq):
            decision.status = REJECTED
        else:
            decision.status = ACCEPTED
            if isinstance(holder, Decision):
                holder.status, holder.superseded_by = SUPERSEDED, decision.receipt.seq
            elif holder is not None:
                batch.superseded_in_store[holder.submission_id] = decision.receipt.seq
            latest[key] = decision
    return batch


def _as_current(holder: Current | Decision | None) -> Current | None:
    if isinstance(holder, Decision):
        return Current(holder.receipt.seq, holder.name.file_timestamp)
    return holder


def _is_stale(decision: Decision, current: Current | None) -> bool:
    return current is not None and current.file_timestamp >= decision.name.file_timestamp
