"""Admin of the incidents app: thin, every write goes through the services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from incidents.models import Holiday, Incident, IncidentEvent, RunbookStep, SeverityPolicy
from incidents.services import (
    IncidentInput,
    incident_acknowledge_many,
    incident_assign,
    incident_edit,
    incident_open,
    incident_severity_change,
)
from ops.webhooks import WebhookRefused, webhook_url_check


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "title",
            "description",
            "category",
            "severity",
            "all_customers",
            "customers",
            "reported_at",
            "assignee",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)
        if self.instance.pk:
            self.fields["reported_at"].disabled = True
            self.fields["category"].disabled = True

    def clean_reported_at(self):
        value = self.cleaned_data["reported_at"]
        if value and value > timezone.now():
            raise forms.ValidationError(_("The report time cannot be in the future."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("all_customers") and not data.get("customers"):
            self.add_error("customers", _("Choose the affected customers, or all customers."))
        return data


class EventInline(admin.TabularInline):
    model = IncidentEvent
    fields = ["at", "kind", "clock", "actor_name", "public", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RunbookStepInline(admin.TabularInline):
    model = RunbookStep
    fields = ["runbook", "code", "done_at", "done_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    form = IncidentForm
    list_display = [
        "number",
        "board_link",
        "severity",
        "status",
        "reported_at",
        "response_due_at",
        "response_breached_at",
    ]
    list_filter = ["severity", "status", "category", "source"]
    search_fields = ["title", "dedup_key"]
    date_hierarchy = "reported_at"
    inlines = [RunbookStepInline, EventInline]
    actions = ["acknowledge"]
    list_select_related = ["assignee"]

    @admin.display(description="#", ordering="id")
    def number(self, obj: Incident) -> int:
        """The id column, headed "#" (Django's own "ID" header is not translatable); opens the form."""
        return obj.pk

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def board_link(self, obj: Incident) -> str:
        """The title opens the incident's board page, where staff work on it (the id opens the form)."""
        return format_html('<a href="{}">{}</a>', reverse("incidents-board", args=[obj.pk]), obj.title)

    def _board_unless_continuing(self, request: HttpRequest, obj: Incident, response: HttpResponse) -> HttpResponse:
        if "_continue" in request.POST or "_addanother" in request.POST or "_popup" in request.POST:
            return response
        return HttpResponseRedirect(reverse("incidents-board", args=[obj.pk]))

    def response_add(self, request: HttpRequest, obj: Incident, post_url_continue: str | None = None) -> HttpResponse:
        return self._board_unless_continuing(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request: HttpRequest, obj: Incident) -> HttpResponse:
        return self._board_unless_continuing(request, obj, super().response_change(request, obj))

    def save_model(self, request: HttpRequest, obj: Incident, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            fields = {name: data[name] for name in ("title", "description", "category", "severity", "all_customers")}
            incident = incident_open(
                data=IncidentInput(
                    **fields, customers=data["customers"], reported_at=data["reported_at"], assignee=data["assignee"]
                ),
                by=request.user,
            )
            obj.pk, obj._state.adding = incident.pk, False
            return
        incident_edit(incident=obj, by=request.user, title=data["title"], description=data["description"])
        if "severity" in form.changed_data:
            incident_severity_change(incident=obj, severity=data["severity"], by=request.user)
        if "assignee" in form.changed_data:
            incident_assign(incident=obj, assignee=data["assignee"], by=request.user)
        if "all_customers" in form.changed_data:
            Incident.objects.filter(pk=obj.pk).update(all_customers=data["all_customers"])

    @admin.action(description=gettext_lazy("Acknowledge selected incidents"), permissions=["change"])
    def acknowledge(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        done, skipped = incident_acknowledge_many(incidents=queryset, by=request.user)
        messages.success(request, _("%(done)d acknowledged, %(skipped)d skipped.") % {"done": done, "skipped": skipped})


POLICY_COLUMNS = ["severity", "response_minutes", "resolution_minutes", "update_minutes", "warning_minutes", "calendar"]


class SeverityPolicyForm(forms.ModelForm):
    class Meta:
        model = SeverityPolicy
        fields = [*POLICY_COLUMNS, "escalation_emails", "escalation_webhook_url"]

    def clean_escalation_webhook_url(self) -> str:
        url = self.cleaned_data["escalation_webhook_url"]
        if url:
            try:
                webhook_url_check(url)
            except WebhookRefused as refused:
                raise forms.ValidationError(str(refused)) from refused
        return url


@admin.register(SeverityPolicy)
class SeverityPolicyAdmin(SimpleHistoryAdmin):
    form = SeverityPolicyForm
    list_display = POLICY_COLUMNS


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
