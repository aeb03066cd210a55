"""Ratio gates of `make bench`: read bench/gates.toml, judge each journey's p95 against the floor's.

Pure functions (no Django, no network) so that tests/speed can check them without running a benchmark.
"""

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

GATES_FILE = Path(__file__).with_name("gates.toml")


@dataclass(frozen=True)
class Gates:
    users: tuple[int, ...]
    by_kind: dict[str, float]
    by_journey: dict[str, float]
    think_s: float = 0.0  # a user's pause between two requests when several users share the server

    def pause_s(self, *, users: int, draw: float) -> float:
        """One pause, `draw` uniform in [0, 1): from half to one and a half times think_s, none for a lone
        user (alone, a pause changes no latency and only thins the sample)."""
        return 0.0 if users <= 1 else self.think_s * (0.5 + draw)

    def limit(self, *, journey: str, kind: str) -> float:
        """The journey's own gate, else its kind's; a kind without a gate is never judged (inf)."""
        return self.by_journey.get(journey, self.by_kind.get(kind, math.inf))


@dataclass(frozen=True)
class Outcome:
    journey: str
    kind: str
    users: int
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    floor_p95_ms: float

    @property
    def ratio(self) -> float:
        return self.p95_ms / max(self.floor_p95_ms, 0.1)


def gates_load(path: Path = GATES_FILE) -> Gates:
    data = tomllib.loads(path.read_text())
    return Gates(
        users=tuple(int(n) for n in data.get("users", [1, 20])),
        by_kind={kind: float(limit) for kind, limit in data.get("gates", {}).items()},
        by_journey={name: float(limit) for name, limit in data.get("journeys", {}).items()},
        think_s=float(data.get("think_seconds", 0.0)),
    )


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(pct / 100 * len(ordered)) - 1))]


def failures(outcomes: list[Outcome], gates: Gates, *, max_error_pct: float = 1.0) -> list[str]:
    """Why the run fails: every ratio above its gate, and every journey with more than 1 % errors."""
    found = []
    for outcome in outcomes:
        limit = gates.limit(journey=outcome.journey, kind=outcome.kind)
        if outcome.ratio > limit:
            found.append(f"{outcome.journey} @ {outcome.users} users: p95 {outcome.ratio:.1f}x floor > gate {limit:g}x")
        if outcome.requests and outcome.errors * 100 / outcome.requests > max_error_pct:
            found.append(f"{outcome.journey} @ {outcome.users} users: {outcome.errors}/{outcome.requests} errors")
    return found


def table(outcomes: list[Outcome], gates: Gates) -> str:
    lines = [
        f"{'journey':26s} {'users':>5s} {'reqs':>6s} {'errors':>6s} {'p50 ms':>8s} {'p95 ms':>8s} "
        f"{'floor p95':>9s} {'ratio':>7s} {'gate':>6s}"
    ]
    for o in outcomes:
        limit = gates.limit(journey=o.journey, kind=o.kind)
        mark = "  FAIL" if o.ratio > limit else ""
        lines.append(
            f"{o.journey:26s} {o.users:5d} {o.requests:6d} {o.errors:6d} {o.p50_ms:8.0f} {o.p95_ms:8.0f} "
            f"{o.floor_p95_ms:9.1f} {o.ratio:6.1f}x {limit:5g}x{mark}"
        )
    return "\n".join(lines)
