"""Small edits on a copy of a return's typed rows: the building blocks of faults and warnings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from mpo.sector.render import Layout
from mpo.sector.returns import Parts
from schemas.parts import PARTS

Damage = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Faulted:
    parts: Parts
    layout: Layout = field(default_factory=Layout)
    container: str | None = None  # forced container (FILE07 and path members need a zip)
    damage: Damage | None = None  # applied to the written bytes
    also_allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaultContext:
    ukprn: int
    year: str
    stamp: datetime
    generated_at: datetime
    other_year: str  # a well-formed year that is not this one (SUB02)


def copy_parts(parts: Parts) -> Parts:
    return {name: [list(row) for row in rows] for name, rows in parts.items()}


def at(part: str, column: str) -> int:
    """Index of a column in a part's rows."""
    return PARTS[part].column_names.index(column)


def set_value(parts: Parts, part: str, row: int, column: str, value: object) -> Parts:
    parts[part][row][at(part, column)] = value
    return parts


def training_row(ref: str, **values: object) -> list:
    """A valid training offer for ``ref``, with ``values`` changed."""
    row = [ref, "BRIEFING", "Mentor briefing", "INTERNAL", False, None, 1.0, "OFFERED", None, None, None]
    for column, value in values.items():
        row[at("training", column)] = value
    return row


def with_row(parts: Parts, part: str, row: list) -> Parts:
    parts[part].append(row)
    return parts


Fault = Callable[[Parts, random.Random, "FaultContext"], "Faulted | None"]
