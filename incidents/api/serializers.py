"""Input and output shapes of the incidents API (one serializer per purpose, no rules here)."""

import datetime as dt
from functools import cached_property, partial
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import get_language
from rest_framework import serializers

from core.api import api_datetime
from incidents.choices import Category, Severity, Status
from incidents.models import Incident, IncidentEvent
from incidents.selectors import ALL_STATUSES
from incidents.services.clocks import time_left
from tenants.models import PilotCustomer


def _seconds(value: dt.timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds())


class IncidentOutputSerializer(serializers.ModelSerializer):
    customers = serializers.SerializerMethodField()
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    time_left_seconds = serializers.SerializerMethodField()
    response_time_left_seconds = serializers.SerializerMethodField()
    resolution_time_left_seconds = serializers.SerializerMethodField()
    response_breached = serializers.SerializerMethodField()
    resolution_breached = serializers.SerializerMethodField()
    time_to_acknowledge_seconds = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id",
            "title",
            "description",
            "category",
            "severity",
            "severity_confirmed",
            "status",
            "source",
            "all_customers",
            "customers",
            "reported_at",
            "reporter_name",
            "assignee",
            "acknowledged_at",
            "mitigated_at",
            "resolved_at",
            "closed_at",
            "response_due_at",
            "resolution_due_at",
            "time_left_seconds",
            "response_time_left_seconds",
            "resolution_time_left_seconds",
            "response_breached",
            "resolution_breached",
            "response_breached_at",
            "resolution_breached_at",
            "time_to_acknowledge_seconds",
            "paused_at",
            "dedup_key",
            "source_url",
        ]

    def to_representation(self, incident: Incident) -> dict[str, Any]:
        """Meta.fields written out. DRF's generic path (fields rebuilt for each request, then a lookup and a
        conversion per field and row) was a third of a 50-row list's time. The declarations above stay the
        schema's source; tests/incidents/test_api.py pins that both paths write the same document."""
        write_datetime = partial(api_datetime, zone=self._zone)
        return {
            "id": incident.pk,
            "title": incident.title,
            "description": incident.description,
            "category": incident.category,
            "severity": incident.severity,
            "severity_confirmed": incident.severity_confirmed,
            "status": incident.status,
            "source": incident.source,
            "all_customers": incident.all_customers,
            "customers": self.get_customers(incident),
            "reported_at": write_datetime(incident.reported_at),
            "reporter_name": incident.reporter_name,
            "assignee": self._assignee(incident),
            "acknowledged_at": write_datetime(incident.acknowledged_at),
            "mitigated_at": write_datetime(incident.mitigated_at),
            "resolved_at": write_datetime(incident.resolved_at),
            "closed_at": write_datetime(incident.closed_at),
            "response_due_at": write_datetime(incident.response_due_at),
            "resolution_due_at": write_datetime(incident.resolution_due_at),
            "time_left_seconds": self.get_time_left_seconds(incident),
            "response_time_left_seconds": self.get_response_time_left_seconds(incident),
            "resolution_time_left_seconds": self.get_resolution_time_left_seconds(incident),
            "response_breached": self.get_response_breached(incident),
            "resolution_breached": self.get_resolution_breached(incident),
            "response_breached_at": write_datetime(incident.response_breached_at),
            "resolution_breached_at": write_datetime(incident.resolution_breached_at),
            "time_to_acknowledge_seconds": self.get_time_to_acknowledge_seconds(incident),
            "paused_at": write_datetime(incident.paused_at),
            "dedup_key": incident.dedup_key,
            "source_url": incident.source_url,
        }

    # Read once per response, not by every field of every row: one "now" for the whole list, as it was sent.
    @cached_property
    def _now(self) -> dt.datetime:
        return timezone.now()

    @cached_property
    def _zone(self) -> dt.tzinfo:
        return timezone.get_current_timezone()

    def _assignee(self, incident: Incident) -> str | None:
        if hasattr(incident, "assignee_username"):  # the API's lists and actions (selectors)
            return incident.assignee_username
        return incident.assignee.username if incident.assignee_id else None

    def get_customers(self, incident: Incident) -> list[str]:
        slugs = getattr(incident, "customer_slugs", None)  # the API's lists and actions (selectors)
        return slugs if slugs is not None else [customer.slug for customer in incident.customers.all()]

    def get_time_left_seconds(self, incident: Incident) -> int | None:
        return _seconds(time_left(incident, self._now))

    def get_response_time_left_seconds(self, incident: Incident) -> int | None:
        if incident.acknowledged_at is not None:
            return None
        return _seconds(incident.response_due_at - self._now)

    def get_resolution_time_left_seconds(self, incident: Incident) -> int | None:
        if incident.resolved_at is not None or incident.paused_at is not None:
            return None
        return _seconds(incident.resolution_due_at - self._now)

    def get_response_breached(self, incident: Incident) -> bool:
        return incident.response_met is False or (
            incident.acknowledged_at is None and incident.response_due_at < self._now
        )

    def get_resolution_breached(self, incident: Incident) -> bool:
        return incident.resolution_met is False or (
            incident.resolved_at is None and incident.paused_at is None and incident.resolution_due_at < self._now
        )

    def get_time_to_acknowledge_seconds(self, incident: Incident) -> int | None:
        if incident.acknowledged_at is None:
            return None
        return _seconds(incident.acknowledged_at - incident.reported_at)


def _staff_users():
    return get_user_model().objects.all()


class IncidentListFilterSerializer(serializers.Serializer):
    """The list's query parameters: a value it does not know is a 400 naming the parameter (`?severity=abc`
    listed every incident, `?status=bogus` none, `?breached=maybe` ignored its filter)."""

    status = serializers.ChoiceField(choices=[*Status.values, ALL_STATUSES], required=False, allow_blank=True)
    severity = serializers.IntegerField(min_value=0, max_value=3, required=False)  # 0: every severity
    customer = serializers.SlugField(required=False, allow_blank=True)
    breached = serializers.ChoiceField(choices=["true", "false"], required=False, allow_blank=True)


DESCRIPTION_MAX_CHARS = 20_000  # a page of text; a 2 MB description made the board page 2 MB


class IncidentCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_CHARS, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_null=True, default=None)
    customers = serializers.SlugRelatedField(
        slug_field="slug", queryset=PilotCustomer.objects.all(), many=True, required=False, default=list
    )
    all_customers = serializers.BooleanField(required=False, default=False)
    reported_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=_staff_users(), required=False, allow_null=True, default=None
    )


class IncidentUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_CHARS, required=False, allow_blank=True)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    severity_reason = serializers.CharField(required=False, allow_blank=True, default="")
    assignee = serializers.PrimaryKeyRelatedField(queryset=_staff_users(), required=False, allow_null=True)
    status = serializers.ChoiceField(choices=[Status.MITIGATED, Status.CLOSED], required=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PublicUpdateInputSerializer(serializers.Serializer):
    message = serializers.CharField()
    message_ar = serializers.CharField(required=False, allow_blank=True, default="")


class PublicUpdateOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentEvent
        fields = ["id", "at", "actor_name", "message", "message_ar"]


class CustomerIncidentSerializer(serializers.ModelSerializer):
    """What a customer may see: no internal notes, no other customers, no staff names."""

    title = serializers.SerializerMethodField()
    updates = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = ["id", "title", "category", "severity", "status", "reported_at", "resolved_at", "updates"]

    def get_title(self, incident: Incident) -> str:
        """The customer-facing title in the request's language (monitoring's SRE title stays with staff)."""
        return incident.title_for(get_language())

    def get_updates(self, incident: Incident) -> list[dict]:
        language = get_language()
        return [
            {"at": event.at, "kind": event.kind, "message": event.message_for(language)}
            for event in incident.public_updates
        ]
