"""The health score of a pilot customer: ONE pure function over plain values (no ORM, no clock).

    score = Σ weight × component points / Σ weights of the components that have data   (0–100)

| component        | weight | points (0–100)                                                              |
|------------------|-------:|-----------------------------------------------------------------------------|
| service quality  |   30   | mean over SLOs: 100 when met; loses 50 per error budget overspent (0 at 2×)  |
| incidents        |   20   | 100 − 20 per open incident − 40 per breached one (floor 0)                  |
| feedback         |   25   | mean of CSAT %, (NPS + 100) / 2 and response rate %, − 10 per open pain point (max − 30) |
| usage            |   25   | mean of measured adoption % and the active-users trend (*)                  |

(*) mean active users of the window's second half ÷ its first half: 1 or more = 100, 0.5 or less = 0.

Bands: healthy ≥ 75, at risk ≥ 50, critical below. A component without data is left out and the
others are re-weighted; with no data at all the status is "unknown" (no score, never an alert).
Why these weights: service quality decides whether a farm can work at all; feedback and usage are
the earliest signs of a farm drifting away; incidents count, but their effect is already partly in
the SLOs and the CSAT.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from monitoring.choices import HealthStatus

WEIGHTS: dict[str, int] = {"service": 30, "incidents": 20, "feedback": 25, "usage": 25}
HEALTHY_FROM, AT_RISK_FROM = 75, 50
# Order of the bands from best to worst: a move to a higher rank is a drop.
BAND_RANK: dict[str, int] = {HealthStatus.HEALTHY: 0, HealthStatus.AT_RISK: 1, HealthStatus.CRITICAL: 2}


@dataclass(frozen=True)
class SloInput:
    compliance_pct: Decimal | None
    target_pct: Decimal


@dataclass(frozen=True)
class HealthInputs:
    """Everything the score reads, for one customer and one window."""

    slos: list[SloInput] = field(default_factory=list)
    open_incidents: int = 0
    breached_incidents: int = 0
    incidents_known: bool = True
    csat_pct: Decimal | None = None
    nps: Decimal | None = None
    response_rate_pct: Decimal | None = None
    open_pain_points: int = 0
    measured_adoption_pct: Decimal | None = None
    active_users_first_half: float | None = None
    active_users_second_half: float | None = None


@dataclass(frozen=True)
class Component:
    key: str
    weight: int
    points: int | None  # None: no data, left out of the score


@dataclass(frozen=True)
class HealthScore:
    score: int | None
    status: str
    components: dict[str, Component]


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def slo_points(compliance_pct: Decimal, target_pct: Decimal) -> float:
    """100 when the SLO is met; minus 50 per error budget overspent (the budget is 100 − target)."""
    if compliance_pct >= target_pct:
        return 100.0
    budget = max(float(100 - target_pct), 0.001)
    return _clamp(100 - 50 * float(target_pct - compliance_pct) / budget)


def service_points(slos: list[SloInput]) -> float | None:
    return _mean([slo_points(s.compliance_pct, s.target_pct) for s in slos if s.compliance_pct is not None])


def incident_points(inputs: HealthInputs) -> float | None:
    if not inputs.incidents_known:
        return None
    return _clamp(100 - 20 * inputs.open_incidents - 40 * inputs.breached_incidents)


def feedback_points(inputs: HealthInputs) -> float | None:
    parts = [float(inputs.csat_pct)] if inputs.csat_pct is not None else []
    parts += [(float(inputs.nps) + 100) / 2] if inputs.nps is not None else []
    parts += [float(inputs.response_rate_pct)] if inputs.response_rate_pct is not None else []
    mean = _mean(parts)
    return None if mean is None else _clamp(mean - min(10 * inputs.open_pain_points, 30))


def trend_points(first: float | None, second: float | None) -> float | None:
    """Active users of the window's second half against its first: steady or growing = 100, halved = 0."""
    if first is None or second is None:
        return None
    if first <= 0:
        return 100.0 if second > 0 else 0.0
    return _clamp((second / first - 0.5) * 200)


def usage_points(inputs: HealthInputs) -> float | None:
    adoption = float(inputs.measured_adoption_pct) if inputs.measured_adoption_pct is not None else None
    trend = trend_points(inputs.active_users_first_half, inputs.active_users_second_half)
    return _mean([p for p in (adoption, trend) if p is not None])


def band(score: int | None) -> str:
    if score is None:
        return HealthStatus.UNKNOWN
    if score >= HEALTHY_FROM:
        return HealthStatus.HEALTHY
    return HealthStatus.AT_RISK if score >= AT_RISK_FROM else HealthStatus.CRITICAL


def is_drop(previous: str, current: str) -> bool:
    """A move to a worse known band; from or to "unknown" is not a drop."""
    return previous in BAND_RANK and current in BAND_RANK and BAND_RANK[current] > BAND_RANK[previous]


def health_score(inputs: HealthInputs) -> HealthScore:
    """The score, its band and every component with its weight (see the module docstring for the rule)."""
    points = {
        "service": service_points(inputs.slos),
        "incidents": incident_points(inputs),
        "feedback": feedback_points(inputs),
        "usage": usage_points(inputs),
    }
    components = {
        key: Component(key, WEIGHTS[key], None if value is None else round(value)) for key, value in points.items()
    }
    known = [(WEIGHTS[k], v) for k, v in points.items() if v is not None]
    weight = sum(w for w, _ in known)
    score = round(sum(w * v for w, v in known) / weight) if weight else None
    return HealthScore(score=score, status=band(score), components=components)
