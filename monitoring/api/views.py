"""Staff API of SLO definitions (writes through slo_save) and the customer's read-only SLO status."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import IsPublicDomain, IsStaffUser, StaffAPIMixin
from monitoring.api.serializers import (
    CustomerHealthSerializer,
    HealthWindowSerializer,
    SloSerializer,
    SloStatusSerializer,
)
from monitoring.models import Slo
from monitoring.selectors import slo_summary
from monitoring.selectors.health import customer_health_get, health_window
from monitoring.services import slo_save
from tenants.api.base import CustomerAPIMixin
from tenants.models import PilotCustomer


class CanViewHealth(permissions.BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user.has_perm("monitoring.view_customerhealth"))


class SloViewSet(
    StaffAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Slo.objects.all()
    serializer_class = SloSerializer

    def perform_create(self, serializer: SloSerializer) -> None:
        serializer.instance = slo_save(slo=Slo(**serializer.validated_data))

    def perform_update(self, serializer: SloSerializer) -> None:
        slo = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(slo, name, value)
        serializer.instance = slo_save(slo=slo)

    @extend_schema(
        parameters=[OpenApiParameter("customer", str, description="a customer's slug; all customers without it")],
        responses=SloStatusSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)  # every SLO at once, as the schema says
    def status(self, request: Request) -> Response:
        """`?customer=<slug>` for one customer, all customers together otherwise."""
        slug = request.query_params.get("customer")
        customer = PilotCustomer.objects.filter(slug=slug).first() if slug else None
        return Response(SloStatusSerializer(slo_summary(customer=customer), many=True).data)


class CustomerSloStatusView(CustomerAPIMixin, APIView):
    @extend_schema(responses=SloStatusSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(SloStatusSerializer(slo_summary(customer=request.customer), many=True).data)


class CustomerHealthView(StaffAPIMixin, APIView):
    """One customer's health score, its components, feature usage and adoption over a window."""

    permission_classes = [IsPublicDomain, IsStaffUser, CanViewHealth]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="first day (Asia/Riyadh); default 7 days ago"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="day after the last (exclusive); default now"),
        ],
        responses={200: CustomerHealthSerializer, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, slug: str) -> Response:
        window = HealthWindowSerializer(data=request.query_params)
        window.is_valid(raise_exception=True)
        customer = get_object_or_404(PilotCustomer, slug=slug)
        start, end = health_window(**window.validated_data)
        return Response(CustomerHealthSerializer(customer_health_get(customer=customer, start=start, end=end)).data)
