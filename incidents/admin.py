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
    incident_input_errors,
    incident_open,
    incident_scope_errors,
    incident_scope_set,
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

    def clean(self) -> dict:
        """The service's own checks, shown on their fields (a new incident: all of them; a change: its scope)."""
        data = super().clean()
        if self.instance.pk:
            errors = incident_scope_errors(
                all_customers=bool(data.get("all_customers")), customers=data.get("customers") or []
            )
        else:
            errors = incident_input_errors(data=_incident_input(data), now=timezone.now())
        for field, messages_ in errors.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages_)
        return data


def _incident_input(data: dict) -> IncidentInput:
    fields = {name: data.get(name) for name in ("title", "description", "category", "severity", "reported_at")}
    return IncidentInput(
        **{**fields, "title": fields["title"] or "", "description": fields["description"] or ""},
        all_customers=bool(data.get("all_customers")),
        customers=data.get("customers") or [],
        assignee=data.get("assignee"),
    )


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

    def save_form(self, request: HttpRequest, form: forms.ModelForm, change: bool) -> Incident:
        """A new incident is opened by the service (deadlines, runbooks, event) and the admin carries on
        with the row it created; a change is applied field by field in save_model."""
        if change:
            return form.instance
        return incident_open(data=_incident_input(form.cleaned_data), by=request.user)

    def save_model(self, request: HttpRequest, obj: Incident, form: forms.ModelForm, change: bool) -> None:
        if not change:
            return  # opened in save_form
        data = form.cleaned_data
        incident_edit(incident=obj, by=request.user, title=data["title"], description=data["description"])
        if "severity" in form.changed_data:
            incident_severity_change(incident=obj, severity=data["severity"], by=request.user)
        if "assignee" in form.changed_data:
            incident_assign(incident=obj, assignee=data["assignee"], by=request.user)
        if {"all_customers", "customers"} & set(form.changed_data):
            incident_scope_set(
                incident=obj, all_customers=data["all_customers"], customers=data["customers"], by=request.user
            )

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool) -> None:
        # The affected customers are written by the services above, never by the form's save_m2m.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

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
