"""Admin of the monitoring app: SLO definitions are edited here; every save goes through the service."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incidents.backoffice_views import incident_board_link
from monitoring.models import HealthAlert, KeyMetric, PullGap, Slo, SloAlert, UsageFeature
from monitoring.prometheus import client_get
from monitoring.services import slo_save
from monitoring.services.health import health_alert_acknowledge
from monitoring.services.slos import QUERY_FIELDS, slo_validate
from monitoring.services.usage import usage_feature_save


class SloForm(forms.ModelForm):
    class Meta:
        model = Slo
        fields = ["key", "name_en", "name_ar", "good_query", "total_query", "plan_query", "target_pct",
                  "window_kind", "window_days", "enabled"]  # fmt: skip

    def clean(self) -> dict:
        data = super().clean()
        try:
            slo_validate(
                target_pct=data.get("target_pct"),
                window_days=data.get("window_days"),
                queries={name: data.get(name, "") for name in QUERY_FIELDS},
                client=client_get(),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return data


@admin.register(Slo)
class SloAdmin(SimpleHistoryAdmin):
    form = SloForm
    list_display = ["key", "name_en", "target_pct", "window_kind", "window_days", "enabled"]

    def save_model(self, request: HttpRequest, obj: Slo, form: forms.ModelForm, change: bool) -> None:
        slo_save(slo=obj)


@admin.register(KeyMetric)
class KeyMetricAdmin(SimpleHistoryAdmin):
    list_display = ["key", "query", "enabled"]


class SloFilter(admin.RelatedFieldListFilter):
    """The SLO filter, titled in the reader's language (the field itself has no verbose name)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.title = _("SLO")


@admin.register(SloAlert)
class SloAlertAdmin(SimpleHistoryAdmin):
    list_display = ["slo_name", "customer", "level", "opened_at", "resolved_at", "burn_rate", "incident_link"]
    list_filter = ["level", ("slo", SloFilter)]
    list_select_related = ["slo", "customer", "incident"]
    readonly_fields = ["slo", "customer", "level", "opened_at", "resolved_at", "burn_rate", "incident"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("SLO"), ordering="slo")
    def slo_name(self, obj: SloAlert) -> str:
        return str(obj.slo)

    @admin.display(description=_("incident"), ordering="incident")
    def incident_link(self, obj: SloAlert) -> str:
        return incident_board_link(obj.incident)


@admin.register(PullGap)
class PullGapAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "filled_at", "reason"]
    readonly_fields = ["start", "end", "filled_at", "reason"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(UsageFeature)
class UsageFeatureAdmin(SimpleHistoryAdmin):
    """The features counted in aquafarm_feature_events_total; `offered` ones make measured adoption."""

    list_display = ["key", "name_en", "name_ar", "order", "offered"]
    list_editable = ["order", "offered"]

    def save_model(self, request: HttpRequest, obj: UsageFeature, form: forms.ModelForm, change: bool) -> None:
        usage_feature_save(feature=obj)


@admin.register(HealthAlert)
class HealthAlertAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "from_status", "to_status", "score", "opened_at", "acknowledged_at"]
    list_filter = ["to_status"]
    list_select_related = ["customer"]
    readonly_fields = ["customer", "from_status", "to_status", "score", "opened_at", "acknowledged_at"]
    actions = ["acknowledge"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Acknowledge the selected health alerts"))
    def acknowledge(self, request: HttpRequest, queryset: QuerySet[HealthAlert]) -> None:
        for alert in queryset:
            health_alert_acknowledge(alert=alert)
