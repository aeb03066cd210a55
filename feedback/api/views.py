"""Staff endpoints (public domain; read and write customer schemas through the tenants services)
and customer endpoints (its own domain, its own schema)."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import StaffAPIMixin
from feedback.api import serializers as s
from feedback.choices import ItemKind
from feedback.models import CheckIn, FeedbackItem, Survey
from feedback.selectors import (
    checkin_list_for,
    feedback_item_list,
    feedback_item_list_for,
    feedback_summary,
    survey_list,
    survey_list_by_customer,
)
from feedback.services.items import (
    CheckInInput,
    checkin_create_for,
    feedback_item_create,
    feedback_item_merge_for,
    feedback_item_status_set_for,
    feedback_item_vote,
)
from feedback.services.rounds import survey_round_open
from feedback.services.surveys import QuestionSpec, SurveySpec, survey_create, survey_default_publish
from tenants.api.base import CustomerAPIMixin
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned

CUSTOMER_PARAMETER = OpenApiParameter("customer", str, required=True, description="the customer's slug")
KIND_PARAMETER = OpenApiParameter("kind", str, enum=ItemKind.values, description="one kind of item only")


def _customer(slug: str) -> PilotCustomer:
    return get_object_or_404(customer_list_provisioned(), slug=slug)


def _customers_or_400(slugs: list[str]) -> list[PilotCustomer]:
    found = {customer.slug: customer for customer in customer_list_provisioned().filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {"customers": [_("Unknown or not provisioned: %(slugs)s.") % {"slugs": ", ".join(unknown)}]}
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


class SurveyStaffViewSet(StaffAPIMixin, viewsets.ViewSet):
    """Surveys of every customer, publishing, rounds on demand, and the results (feedback_summary)."""

    queryset = Survey.objects.none()  # for DjangoModelPermissions: POST needs feedback.add_survey

    @extend_schema(responses=s.CustomerSurveysOutputSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(
            [
                {"customer": customer.slug, "surveys": s.SurveyOutputSerializer(surveys, many=True).data}
                for customer, surveys in survey_list_by_customer().rows
            ]
        )

    @extend_schema(request=s.SurveyCreateInputSerializer, responses={201: OpenApiTypes.OBJECT})
    def create(self, request: Request) -> Response:
        """A survey of the program manager's own (bilingual questions), created for the chosen customers."""
        data = s.SurveyCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        customers = _customers_or_400(fields.pop("customers"))
        publish = fields.pop("publish")
        questions = tuple(QuestionSpec(**{**q, "options": tuple(q["options"])}) for q in fields.pop("questions"))
        created = survey_create(spec=SurveySpec(**fields, questions=questions), customers=customers, publish=publish)
        return Response(
            {"key": fields["key"], "customers": created, "published": publish}, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.CustomersInputSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"])
    def publish(self, request: Request) -> Response:
        data = s.CustomersInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        customers = [_customer(slug) for slug in data.validated_data["customers"]]
        return Response({"published": survey_default_publish(customers=customers)})

    @extend_schema(request=s.CustomerInputSerializer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"], url_path="send-round")
    def send_round(self, request: Request) -> Response:
        data = s.CustomerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = survey_round_open(customer=_customer(data.validated_data["customer"]))
        return Response(asdict(result), status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[s.ResultsQuerySerializer], responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def results(self, request: Request) -> Response:
        query = s.ResultsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        customer = _customer(params.pop("customer")) if "customer" in params else None
        return Response(asdict(feedback_summary(customer=customer, **params)))


class CheckInStaffViewSet(StaffAPIMixin, viewsets.ViewSet):
    """Weekly check-in notes of one customer (`?customer=slug`)."""

    queryset = CheckIn.objects.none()

    @extend_schema(parameters=[CUSTOMER_PARAMETER], responses=s.CheckInOutputSerializer(many=True))
    def list(self, request: Request) -> Response:
        checkins = checkin_list_for(customer=_customer(request.query_params.get("customer", "")), limit=200)
        return Response(s.CheckInOutputSerializer(checkins, many=True).data)

    @extend_schema(request=s.CheckInInputSerializer, responses=s.CheckInOutputSerializer)
    def create(self, request: Request) -> Response:
        data = s.CheckInInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        customer = _customer(fields.pop("customer"))
        checkin = checkin_create_for(customer=customer, data=CheckInInput(**fields))
        return Response(s.CheckInOutputSerializer(checkin).data, status=status.HTTP_201_CREATED)


class FeedbackItemStaffViewSet(StaffAPIMixin, viewsets.ViewSet):
    """Feedback items of one customer (`?customer=slug`); status changes and merging duplicates."""

    queryset = FeedbackItem.objects.none()

    @extend_schema(parameters=[CUSTOMER_PARAMETER, KIND_PARAMETER], responses=s.FeedbackItemOutputSerializer(many=True))
    def list(self, request: Request) -> Response:
        customer = _customer(request.query_params.get("customer", ""))
        items = feedback_item_list_for(customer=customer, kind=request.query_params.get("kind"), limit=200)
        return Response(s.FeedbackItemOutputSerializer(items, many=True).data)

    @extend_schema(request=s.ItemStatusInputSerializer, responses=s.FeedbackItemOutputSerializer)
    @action(detail=False, methods=["post"], url_path="status")
    def set_status(self, request: Request) -> Response:
        data = s.ItemStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = feedback_item_status_set_for(
            customer=_customer(data.validated_data["customer"]),
            item_id=data.validated_data["item"],
            status=data.validated_data["status"],
        )
        return Response(s.FeedbackItemOutputSerializer(item).data)

    @extend_schema(request=s.ItemMergeInputSerializer, responses=s.FeedbackItemOutputSerializer)
    @action(detail=False, methods=["post"])
    def merge(self, request: Request) -> Response:
        data = s.ItemMergeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        into = feedback_item_merge_for(
            customer=_customer(data.validated_data["customer"]),
            duplicate_id=data.validated_data["duplicate"],
            into_id=data.validated_data["into"],
        )
        return Response(s.FeedbackItemOutputSerializer(into).data)


class SurveyCustomerViewSet(CustomerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """The customer's own surveys (its schema)."""

    serializer_class = s.SurveyOutputSerializer

    def get_queryset(self):
        return survey_list().filter(published=True)


class FeedbackItemCustomerViewSet(CustomerAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The customer's own feedback items: list, raise, vote."""

    serializer_class = s.FeedbackItemOutputSerializer

    def get_queryset(self):
        return feedback_item_list()

    @extend_schema(request=s.FeedbackItemInputSerializer, responses=s.FeedbackItemOutputSerializer)
    def create(self, request: Request) -> Response:
        data = s.FeedbackItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = feedback_item_create(**data.validated_data, created_by=request.user)
        return Response(s.FeedbackItemOutputSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.FeedbackItemOutputSerializer)
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str) -> Response:
        """Toggles the caller's vote: the first call adds it, the second removes it."""
        item = self.get_object()
        feedback_item_vote(item=item, user=request.user)
        return Response(s.FeedbackItemOutputSerializer(item).data)
