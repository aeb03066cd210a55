from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import BoundedDateField
from monitoring.models import Slo
from monitoring.selectors.health import CustomerHealthReport

MAX_HEALTH_WINDOW_DAYS = 366


class SloSerializer(serializers.ModelSerializer):
    class Meta:
        model = Slo
        fields = ["id", "key", "name_en", "name_ar", "good_query", "total_query", "plan_query", "target_pct",
                  "window_kind", "window_days", "enabled"]  # fmt: skip


class SloStatusSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    target_pct = serializers.DecimalField(max_digits=6, decimal_places=2)
    compliance_pct = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    met = serializers.BooleanField(allow_null=True)
    budget_remaining_pct = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    budget_remaining_minutes = serializers.FloatField(allow_null=True)
    burn_rate = serializers.FloatField(allow_null=True)
    burn_words = serializers.CharField()
    stale_since = serializers.DateTimeField(allow_null=True)


class HealthWindowSerializer(serializers.Serializer):
    """`?start=&end=` (dates, Riyadh days; end exclusive). Default: the 7 days up to now."""

    start = BoundedDateField(required=False)
    end = BoundedDateField(required=False)

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("start"), attrs.get("end")
        if start is not None and end is None and start > timezone.localdate():
            raise serializers.ValidationError({"start": [_("The start cannot be in the future.")]})
        if start is not None and end is not None and end <= start:
            raise serializers.ValidationError({"end": [_("The end must be after the start.")]})
        if start is not None and end is not None and (end - start).days > MAX_HEALTH_WINDOW_DAYS:
            message = _("The window may span at most %(days)d days.") % {"days": MAX_HEALTH_WINDOW_DAYS}
            raise serializers.ValidationError({"end": [message]})
        return attrs


class HealthComponentSerializer(serializers.Serializer):
    weight = serializers.IntegerField()
    points = serializers.IntegerField(allow_null=True)


class CustomerHealthSerializer(serializers.Serializer):
    score = serializers.IntegerField(source="health.score", allow_null=True)
    status = serializers.CharField(source="health.status")
    components = serializers.SerializerMethodField()
    feature_usage = serializers.DictField(child=serializers.FloatField())
    active_users_avg = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    measured_adoption_pct = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    survey_adoption_pct = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    as_of = serializers.DateTimeField(source="end")
    start = serializers.DateTimeField()

    @extend_schema_field(serializers.DictField(child=HealthComponentSerializer()))
    def get_components(self, report: CustomerHealthReport) -> dict[str, dict[str, int | None]]:
        return {key: {"weight": c.weight, "points": c.points} for key, c in report.health.components.items()}
