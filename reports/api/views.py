from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import StaffAPIMixin
from reports.api.serializers import CustomerReportOutputSerializer, ReportCreateSerializer, ReportOutputSerializer
from reports.downloads import ReportNotReady, report_file_response
from reports.models import Report
from reports.selectors import report_list, report_list_for_customer
from reports.services import ReportQueueUnavailable, report_request
from tenants.api.base import CustomerAPIMixin


class DownloadMixin:
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 409: None})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str) -> FileResponse | Response:
        try:
            return report_file_response(self.get_object())
        except ReportNotReady as not_ready:
            message = _("The report is not ready to download (status: %(status)s).") % {"status": not_ready}
            return Response({"detail": message}, status=status.HTTP_409_CONFLICT)


class ReportViewSet(
    StaffAPIMixin, DownloadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """PDF reports: request one (202, built by a Celery worker), follow its progress, download it."""

    serializer_class = ReportOutputSerializer
    filterset_fields = ["kind", "status", "language"]

    def get_queryset(self) -> QuerySet[Report]:
        return report_list()

    @extend_schema(request=ReportCreateSerializer, responses={202: ReportOutputSerializer, 503: None})
    def create(self, request: Request) -> Response:
        serializer = ReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            report = report_request(**serializer.validated_data, by=request.user)
        except ReportQueueUnavailable:
            message = _("The report queue is unavailable; please try again in a few minutes.")
            return Response(
                {"detail": message}, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "60"}
            )
        report = report_list().get(pk=report.pk)  # the worker may already have moved it on
        return Response(ReportOutputSerializer(report).data, status=status.HTTP_202_ACCEPTED)


class CustomerReportViewSet(
    CustomerAPIMixin, DownloadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The customer's own reports (never the final report, never another customer's)."""

    serializer_class = CustomerReportOutputSerializer
    # Names the model for the OpenAPI schema (integer ids); the rows always come from get_queryset.
    queryset = Report.objects.none()

    def get_queryset(self) -> QuerySet[Report]:
        return report_list_for_customer(customer=self.request.customer)
