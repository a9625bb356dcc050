"""What a benchmark reports: figures against targets, grouped by measure."""

from __future__ import annotations

import operator
from dataclasses import asdict, dataclass, field
from typing import Any

_COMPARE = {"<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Figure:
    """One number with its target; ``met`` is decided here so every figure is judged the same way."""

    name: str
    value: float
    unit: str
    target: float
    comparison: str  # "<=" or ">="
    note: str = ""

    @property
    def met(self) -> bool:
        return bool(_COMPARE[self.comparison](self.value, self.target))

    @property
    def target_text(self) -> str:
        return f"{'≤' if self.comparison == '<=' else '≥'} {self.target:g} {self.unit}".strip()

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"met": self.met, "target_text": self.target_text}


def at_most(name: str, value: float, target: float, unit: str, note: str = "") -> Figure:
    return Figure(name, float(value), unit, float(target), "<=", note)


def at_least(name: str, value: float, target: float, unit: str, note: str = "") -> Figure:
    return Figure(name, float(value), unit, float(target), ">=", note)


@dataclass
class Measure:
    """One numbered measure of the issue: its figures, what was skipped and why, and raw details."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def skip(self, figure: str, reason: str) -> None:
        self.skipped.append({"figure": figure, "reason": reason})

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "figures": [figure.to_json() for figure in self.figures],
            "skipped": self.skipped,
            "details": self.details,
        }
