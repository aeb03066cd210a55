"""Incidents API: staff (list/create/retrieve/update, acknowledge, resolve, updates) and customer (read)."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import StaffAPIMixin
from incidents.api.serializers import (
    CustomerIncidentSerializer,
    IncidentCreateSerializer,
    IncidentListFilterSerializer,
    IncidentOutputSerializer,
    IncidentUpdateSerializer,
    NoteSerializer,
    PublicUpdateInputSerializer,
    PublicUpdateOutputSerializer,
)
from incidents.models import Incident
from incidents.selectors import (
    incident_list_customer_view,
    incident_list_with_customer_slugs,
    incident_public_updates,
    incident_queue,
    incident_queue_count,
)
from incidents.services import (
    IncidentInput,
    incident_acknowledge,
    incident_assign,
    incident_edit,
    incident_open,
    incident_resolve,
    incident_severity_change,
    incident_transition,
    incident_update_post,
)
from tenants.api.base import CustomerAPIMixin
from tenants.models import PilotCustomer


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                description="Default: active incidents only (open, acknowledged, mitigated). A status "
                "(e.g. `closed`, `resolved`) lists those; `all` lists every incident, active ones first.",
            ),
            OpenApiParameter("severity", int, description="1, 2 or 3."),
            OpenApiParameter("customer", str, description="A customer's slug: incidents affecting it."),
            OpenApiParameter("breached", bool, description="Missed (true) or met (false) a target."),
        ]
    )
)
class IncidentViewSet(StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Incidents, the least time left first. Filters: severity, status (default: active only; `all` for
    every incident), customer (slug), breached."""

    serializer_class = IncidentOutputSerializer

    @cached_property
    def _filters(self) -> dict[str, Any]:
        """The list's filters, checked once per request (the rows and their count both read them; a 400 per
        unknown value); none for one incident by id (retrieve, actions), which is found whatever its status."""
        if self.action != "list":
            return {}
        checked = IncidentListFilterSerializer(data=self.request.query_params.dict())
        checked.is_valid(raise_exception=True)
        return {name: value for name, value in checked.validated_data.items() if value not in ("", None)}

    def get_queryset(self) -> QuerySet[Incident]:
        filters = self._filters
        customer = PilotCustomer.objects.filter(slug=filters["customer"]).first() if "customer" in filters else None
        if "customer" in filters and customer is None:
            return Incident.objects.none()
        incidents = incident_queue(
            severity=filters.get("severity") or None,
            status=filters.get("status"),
            customer=customer,
            breached={"true": True, "false": False}.get(filters.get("breached", "")),
            active_only=self.action == "list",
        )
        return incident_list_with_customer_slugs(incidents)

    def list_count(self) -> int | None:
        """The list's `count` from the totals PostgreSQL keeps per status and severity (incident_count), when
        those are the only filters: counting the 15,000 active incidents was a fifth of every page. None (a
        COUNT of the rows) for a customer's or the breached ones."""
        filters = self._filters
        if "customer" in filters or "breached" in filters:
            return None
        return incident_queue_count(severity=filters.get("severity") or None, status=filters.get("status"))

    def _output(self, incident: Incident, code: int = status.HTTP_200_OK) -> Response:
        return Response(IncidentOutputSerializer(self.get_queryset().get(pk=incident.pk)).data, status=code)

    @extend_schema(request=IncidentCreateSerializer, responses={201: IncidentOutputSerializer})
    def create(self, request: Request) -> Response:
        serializer = IncidentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = incident_open(data=IncidentInput(**serializer.validated_data), by=request.user)
        return self._output(incident, status.HTTP_201_CREATED)

    @extend_schema(request=IncidentUpdateSerializer, responses=IncidentOutputSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = IncidentUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        incident, fields, by = self.get_object(), serializer.validated_data, request.user
        # Every change or none: a refused status change used to leave the title and severity changed before it.
        with transaction.atomic():
            if "title" in fields or "description" in fields:
                incident = incident_edit(
                    incident=incident, by=by, title=fields.get("title"), description=fields.get("description")
                )
            if "severity" in fields:
                incident = incident_severity_change(
                    incident=incident, severity=fields["severity"], by=by, reason=fields.get("severity_reason", "")
                )
            if "assignee" in fields:
                incident = incident_assign(incident=incident, assignee=fields["assignee"], by=by)
            if "status" in fields:
                incident = incident_transition(incident=incident, to=fields["status"], by=by)
        return self._output(incident)

    update = partial_update

    @extend_schema(request=None, responses=IncidentOutputSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        return self._output(incident_acknowledge(incident=self.get_object(), by=request.user))

    @extend_schema(request=NoteSerializer, responses=IncidentOutputSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str) -> Response:
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = incident_resolve(incident=self.get_object(), by=request.user, note=serializer.validated_data["note"])
        return self._output(incident)

    @extend_schema(request=PublicUpdateInputSerializer, responses=PublicUpdateOutputSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def updates(self, request: Request, pk: str) -> Response:
        incident = self.get_object()
        if request.method == "POST":
            serializer = PublicUpdateInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            event = incident_update_post(incident=incident, by=request.user, **serializer.validated_data)
            return Response(PublicUpdateOutputSerializer(event).data, status=status.HTTP_201_CREATED)
        return Response(PublicUpdateOutputSerializer(incident_public_updates(incident=incident), many=True).data)


class CustomerIncidentViewSet(CustomerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """The customer's own incidents with public updates (its domain's /api/v1/incidents/)."""

    serializer_class = CustomerIncidentSerializer
    # Names the model for the OpenAPI schema (integer ids); the rows always come from get_queryset.
    queryset = Incident.objects.none()

    def get_queryset(self) -> QuerySet[Incident]:
        return incident_list_customer_view(customer=self.request.customer)
