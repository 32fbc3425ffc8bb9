"""Figures: a measured value with its unit, spread, target and whether the target is met."""

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


@dataclass
class Figure:
    """One line of docs/performance.json.

    `target` is written like "<= 50" or ">= 200" (None: shown for information, no target);
    `spread` says how the value varied (e.g. "p10-p90 12.1-14.0" or "runs 180-196").
    """

    name: str
    value: float
    unit: str
    target: str | None = None
    database: str = ""
    spread: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        op, _, bound = self.target.partition(" ")
        limit = float(bound)
        return self.value <= limit if op == "<=" else self.value >= limit

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["met"] = self.met
        if not data["extra"]:
            del data["extra"]
        return data


def spread_of(values: Sequence[float], digits: int = 1, label: str = "p10-p90") -> str:
    if label == "range":
        return f"min-max {min(values):.{digits}f}-{max(values):.{digits}f}" if values else ""
    return f"{label} {percentile(values, 10):.{digits}f}-{percentile(values, 90):.{digits}f}" if values else ""
