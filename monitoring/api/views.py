"""Staff API of SLO definitions (writes through slo_save) and the customer's read-only SLO status."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import StaffAPIMixin
from monitoring.api.serializers import SloSerializer, SloStatusSerializer
from monitoring.models import Slo
from monitoring.selectors import slo_summary
from monitoring.services import slo_save
from tenants.api.base import CustomerAPIMixin
from tenants.models import PilotCustomer


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
