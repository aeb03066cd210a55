from dataclasses import asdict

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import StaffAPIMixin
from tenants.api.serializers import (
    CustomerCreateSerializer,
    CustomerOutputSerializer,
    ProvisionSerializer,
    StatusChangeSerializer,
)
from tenants.models import PilotCustomer
from tenants.selectors import customer_list
from tenants.services.customers import CandidateInput, customer_candidate_create, customer_status_change
from tenants.services.provisioning import customer_onboard, customer_provision


class CustomerViewSet(StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pilot customers: candidates, selection, provisioning, lifecycle."""

    serializer_class = CustomerOutputSerializer
    filterset_fields = ["status", "region"]
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[PilotCustomer]:
        return customer_list()

    def _output(self, customer: PilotCustomer, code: int = status.HTTP_200_OK) -> Response:
        customer = customer_list().get(pk=customer.pk)
        return Response(CustomerOutputSerializer(customer).data, status=code)

    @extend_schema(request=CustomerCreateSerializer, responses={201: CustomerOutputSerializer})
    def create(self, request: Request) -> Response:
        serializer = CustomerCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        provision, admin_email = fields.pop("provision"), fields.pop("admin_email")
        data = CandidateInput(**fields)
        if not provision:
            return self._output(customer_candidate_create(data=data, by=request.user), status.HTTP_201_CREATED)
        result = customer_onboard(data=data, admin_email=admin_email, by=request.user)
        # A repeated (or racing) onboarding of the same farm gets the existing customer: 200, not 201.
        return self._output(result.customer, status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)

    @extend_schema(request=StatusChangeSerializer, responses=CustomerOutputSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request: Request, slug: str) -> Response:
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        customer = customer_status_change(
            customer=self.get_object(),
            to_status=serializer.validated_data["status"],
            by=request.user,
            note=serializer.validated_data["note"],
        )
        return self._output(customer)

    @extend_schema(request=ProvisionSerializer, responses=CustomerOutputSerializer)
    @action(detail=True, methods=["post"])
    def provision(self, request: Request, slug: str) -> Response:
        serializer = ProvisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = customer_provision(customer=self.get_object(), by=request.user, **serializer.validated_data)
        body = CustomerOutputSerializer(customer_list().get(pk=result.customer.pk)).data
        body["provisioning"] = {key: value for key, value in asdict(result).items() if key != "customer"}
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)
