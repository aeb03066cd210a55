"""The health rule (monitoring/rules/health.py): plain values in, score, band and components out."""

from decimal import Decimal

import pytest

from monitoring.choices import HealthStatus
from monitoring.rules.health import HealthInputs, SloInput, band, health_score, is_drop, slo_points, trend_points

D = Decimal


def test_a_met_slo_scores_full_points_and_loses_half_per_budget_overspent() -> None:
    assert slo_points(D("99.9"), D("99.5")) == 100
    assert slo_points(D("99.0"), D("99.5")) == pytest.approx(50)  # 1× the 0.5 % budget overspent
    assert slo_points(D("90"), D("99.5")) == 0


def test_active_users_trend_is_full_when_steady_and_zero_when_halved() -> None:
    assert trend_points(10, 10) == 100
    assert trend_points(10, 12) == 100
    assert trend_points(10, 7.5) == pytest.approx(50)
    assert trend_points(10, 5) == 0
    assert trend_points(None, 5) is None
    assert trend_points(0, 3) == 100


def test_bands_split_at_75_and_50() -> None:
    assert [band(s) for s in (100, 75, 74, 50, 49, 0, None)] == [
        HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.AT_RISK, HealthStatus.AT_RISK,
        HealthStatus.CRITICAL, HealthStatus.CRITICAL, HealthStatus.UNKNOWN,
    ]  # fmt: skip


def test_every_component_is_shown_with_its_weight() -> None:
    result = health_score(
        HealthInputs(
            slos=[SloInput(D("99.9"), D("99.5")), SloInput(D("99.0"), D("99.5"))],
            open_incidents=1,
            breached_incidents=1,
            csat_pct=D("80"),
            nps=D("20"),
            response_rate_pct=D("70"),
            open_pain_points=1,
            measured_adoption_pct=D("60"),
            active_users_first_half=10,
            active_users_second_half=10,
        )
    )
    points = {key: (c.weight, c.points) for key, c in result.components.items()}
    assert points == {"service": (30, 75), "incidents": (20, 40), "feedback": (25, 60), "usage": (25, 80)}
    assert result.score == round((30 * 75 + 20 * 40 + 25 * 60 + 25 * 80) / 100)
    assert result.status == HealthStatus.AT_RISK


def test_components_without_data_are_left_out_and_the_rest_reweighted() -> None:
    result = health_score(
        HealthInputs(measured_adoption_pct=D("100"), active_users_first_half=5, active_users_second_half=5)
    )
    assert result.components["service"].points is None
    assert result.components["feedback"].points is None
    assert result.score == 100  # incidents (none open) 100 and usage 100
    assert health_score(HealthInputs(incidents_known=False)).status == HealthStatus.UNKNOWN


def test_falling_usage_and_breached_slos_score_below_steady_usage() -> None:
    steady = HealthInputs(slos=[SloInput(D("99.9"), D("99.5"))], measured_adoption_pct=D("100"),
                          active_users_first_half=10, active_users_second_half=10)  # fmt: skip
    falling = HealthInputs(slos=[SloInput(D("95"), D("99.5"))], measured_adoption_pct=D("40"),
                           active_users_first_half=10, active_users_second_half=4)  # fmt: skip
    assert health_score(steady).status == HealthStatus.HEALTHY
    assert health_score(falling).status == HealthStatus.CRITICAL


def test_only_a_move_to_a_worse_known_band_is_a_drop() -> None:
    assert is_drop(HealthStatus.HEALTHY, HealthStatus.AT_RISK)
    assert is_drop(HealthStatus.AT_RISK, HealthStatus.CRITICAL)
    assert not is_drop(HealthStatus.CRITICAL, HealthStatus.AT_RISK)
    assert not is_drop(HealthStatus.UNKNOWN, HealthStatus.CRITICAL)
    assert not is_drop(HealthStatus.AT_RISK, HealthStatus.AT_RISK)
