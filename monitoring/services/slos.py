"""Writes of SLO definitions: validation (targets, PromQL checked by Prometheus) and the plan's defaults."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.definitions import metric_definitions, slo_definitions
from monitoring.models import KeyMetric, Slo
from monitoring.prometheus import PrometheusClient, PrometheusQueryError, PrometheusUnavailable, client_get

QUERY_FIELDS = ("good_query", "total_query")


def slo_validate(
    *, target_pct: Decimal, window_days: int, queries: dict[str, str], client: PrometheusClient | None
) -> None:
    """Raise ValidationError per field: a target outside (0, 100), a window under a day, a PromQL
    Prometheus rejects (with its message). Without a reachable Prometheus the PromQL is not checked."""
    errors: dict[str, list[str]] = {}
    if target_pct is None or not Decimal(0) < Decimal(target_pct) < Decimal(100):
        errors["target_pct"] = [_("The target must be between 0 and 100, both excluded.")]
    if not window_days or window_days < 1:
        errors["window_days"] = [_("The window must be at least one day.")]
    if client is not None:
        errors.update(_query_errors(queries, client))
    if errors:
        raise ValidationError(errors)


def _query_errors(queries: dict[str, str], client: PrometheusClient) -> dict[str, list[str]]:
    errors = {}
    for name, expr in queries.items():
        try:
            client.query(expr, at=timezone.now())
        except PrometheusQueryError as error:
            errors[name] = [_("Prometheus rejected this query: %(message)s") % {"message": error}]
        except PrometheusUnavailable:
            break  # the definition is still saved: a Prometheus outage must not block editing
    return errors


@transaction.atomic
def slo_save(*, slo: Slo, client: PrometheusClient | None = None) -> Slo:
    """Validate then save a new or edited SLO (admin and API both call this)."""
    client = client if client is not None else client_get()
    queries = {name: getattr(slo, name) for name in QUERY_FIELDS}
    slo_validate(target_pct=slo.target_pct, window_days=slo.window_days, queries=queries, client=client)
    slo.save()
    return slo


def slo_defaults_ensure() -> int:
    """Create the plan's four SLOs and key metrics when missing (edits are kept). Returns how many were created."""
    label = settings.PROMETHEUS_TENANT_LABEL
    created = 0
    for definition in slo_definitions(label):
        _slo, new = Slo.objects.get_or_create(
            key=definition.key,
            defaults={
                "name_en": definition.name_en,
                "name_ar": definition.name_ar,
                "good_query": definition.good,
                "total_query": definition.total,
                "plan_query": definition.plan,
                "target_pct": definition.target_pct,
            },
        )
        created += new
    for key, query in metric_definitions(label).items():
        created += KeyMetric.objects.get_or_create(key=key, defaults={"query": query})[1]
    return created
