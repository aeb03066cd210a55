"""`make bench` judges ratios with bench/gates.toml (the benchmark itself stays out of `make test`)."""

from pathlib import Path

from bench.gates import Outcome, failures, gates_load, percentile


def _outcome(journey: str, kind: str, p95: float, floor: float = 10.0, errors: int = 0) -> Outcome:
    return Outcome(journey, kind, users=20, requests=100, errors=errors, p50_ms=p95 / 2, p95_ms=p95, floor_p95_ms=floor)


def test_the_shipped_gates_parse_with_both_concurrencies() -> None:
    gates = gates_load()
    assert gates.users == (1, 20)
    assert gates.limit(journey="incidents queue", kind="page") == 10.0
    assert gates.limit(journey="API incidents list", kind="api") == 5.0


def test_a_ratio_past_its_gate_fails_the_run_and_one_below_does_not(tmp_path: Path) -> None:
    path = tmp_path / "gates.toml"
    path.write_text('users = [1]\n[gates]\npage = 10\napi = 5\n[journeys]\n"slow page" = 50\n')
    gates = gates_load(path)
    assert failures([_outcome("queue", "page", p95=99), _outcome("list", "api", p95=49)], gates) == []
    failed = failures([_outcome("queue", "page", p95=101), _outcome("list", "api", p95=51)], gates)
    assert [line.split(" @")[0] for line in failed] == ["queue", "list"]
    # A journey's own gate wins over its kind's.
    assert failures([_outcome("slow page", "page", p95=400)], gates) == []
    assert failures([_outcome("slow page", "page", p95=600)], gates)


def test_users_pause_between_requests_only_when_they_share_the_server() -> None:
    gates = gates_load()
    assert gates.think_s == 1.0
    assert gates.pause_s(users=1, draw=0.99) == 0.0  # one user: back to back
    assert gates.pause_s(users=20, draw=0.0) == 0.5 and gates.pause_s(users=20, draw=0.999) < 1.5


def test_errors_fail_the_run_even_when_fast() -> None:
    assert failures([_outcome("queue", "page", p95=20, errors=5)], gates_load())


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([], 95) == 0.0
