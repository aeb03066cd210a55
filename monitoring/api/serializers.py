from rest_framework import serializers

from monitoring.models import Slo


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
