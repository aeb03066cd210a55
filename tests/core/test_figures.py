"""Cross-customer figures are computed at most once per FIGURES_CACHE_SECONDS and shared through Redis
(core/figures.py)."""

import uuid

from django.utils import translation

from core.figures import figures_get


def test_a_second_read_within_the_lifetime_is_the_first_ones(figures_cached) -> None:
    calls: list[int] = []
    name = f"test-{uuid.uuid4()}"

    first = figures_get(name, lambda: calls.append(1) or len(calls), "a")
    second = figures_get(name, lambda: calls.append(1) or len(calls), "a")
    other_arguments = figures_get(name, lambda: calls.append(1) or len(calls), "b")

    assert (first.value, second.value, other_arguments.value) == (1, 1, 2)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.computed_at == first.computed_at == second.as_of


def test_each_language_has_its_own_figures(figures_cached) -> None:
    name = f"test-{uuid.uuid4()}"
    with translation.override("en"):
        english = figures_get(name, lambda: "en").value
    with translation.override("ar"):
        arabic = figures_get(name, lambda: "ar").value
    assert (english, arabic) == ("en", "ar")


def test_without_a_lifetime_every_read_computes_and_claims_no_time(settings) -> None:
    settings.FIGURES_CACHE_SECONDS = 0
    calls: list[int] = []
    name = f"test-{uuid.uuid4()}"
    values = [figures_get(name, lambda: calls.append(1) or len(calls)) for _ in range(2)]
    assert [f.value for f in values] == [1, 2] and values[0].as_of is None
