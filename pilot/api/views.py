"""Staff API of the program: thin views over pilot.selectors and pilot.services."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import StaffAPIMixin, date_in_range_check
from pilot.api import serializers as s
from pilot.api.schema import ObjectAnswersSchema
from pilot.models import BudgetLine, ChecklistItem, Expense, Phase, Risk, SuccessCriterion, TrainingMaterial
from pilot.selectors import (
    budget_summary,
    expense_list,
    phase_list,
    risk_list,
    scorecard_get,
    training_session_list,
)
from pilot.services.budget import budget_line_save, expense_create, expense_update
from pilot.services.criteria import criterion_judge, go_decision_record
from pilot.services.program import checklist_item_complete, checklist_item_save, phase_close
from pilot.services.risks import risk_save
from pilot.services.training import (
    SessionInput,
    training_attendance_record,
    training_session_create,
    training_session_update,
)
from tenants.models import PilotCustomer

AS_OF = OpenApiParameter("as_of", str, description="YYYY-MM-DD; today by default")


def _as_of(request: Request) -> dt.date:
    value = request.query_params.get("as_of")
    if not value:
        return timezone.localdate()
    try:
        return date_in_range_check(dt.date.fromisoformat(value), "as_of")
    except ValueError:
        raise ValidationError({"as_of": [_("Enter a date as YYYY-MM-DD.")]}) from None


class PhaseViewSet(StaffAPIMixin, viewsets.GenericViewSet):
    """The timeline: phases against the calendar, with their checklists; close through the gate."""

    queryset = Phase.objects.all()
    lookup_field = "key"
    pagination_class = None  # the four phases, whole (the schema then says a list, as answered)

    @extend_schema(parameters=[AS_OF], responses=s.PhaseRowSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(s.PhaseRowSerializer(phase_list(as_of=_as_of(request)), many=True).data)

    @extend_schema(request=s.PhaseCloseSerializer, responses=s.PhaseRowSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.PhaseCloseSerializer)  # OPTIONS describes it
    def close(self, request: Request, key: str) -> Response:
        serializer = s.PhaseCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        phase_close(phase=self.get_object(), by=request.user, **serializer.validated_data)
        row = next(row for row in phase_list() if row.key == key)
        return Response(s.PhaseRowSerializer(row).data)


class ChecklistItemViewSet(StaffAPIMixin, viewsets.ModelViewSet):
    serializer_class = s.ChecklistItemSerializer
    filterset_fields = ["phase", "kind", "customer"]

    def get_queryset(self) -> QuerySet[ChecklistItem]:
        return ChecklistItem.objects.select_related("phase", "customer", "owner", "done_by")

    def perform_create(self, serializer: s.ChecklistItemSerializer) -> None:
        serializer.instance = checklist_item_save(item=ChecklistItem(**serializer.validated_data))

    def perform_update(self, serializer: s.ChecklistItemSerializer) -> None:
        item = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(item, field, value)
        serializer.instance = checklist_item_save(item=item)

    @extend_schema(request=s.ChecklistCompleteSerializer, responses=s.ChecklistItemSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        serializer = s.ChecklistCompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = checklist_item_complete(item=self.get_object(), by=request.user, **serializer.validated_data)
        return Response(s.ChecklistItemSerializer(item).data)


class TrainingSessionViewSet(
    StaffAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """One training session per customer; trainers are never double-booked."""

    serializer_class = s.TrainingSessionOutputSerializer
    filterset_fields = ["status", "customer"]

    def get_queryset(self) -> QuerySet:
        return training_session_list()

    def _input(self, request: Request) -> tuple[SessionInput, list[TrainingMaterial]]:
        serializer = s.TrainingSessionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        customer = PilotCustomer.objects.filter(slug=data.pop("customer")).first()
        trainer = get_user_model().objects.filter(username=data.pop("trainer"), is_staff=True).first()
        errors = {}
        if customer is None:
            errors["customer"] = [_("Unknown customer.")]
        if trainer is None:
            errors["trainer"] = [_("Unknown staff user.")]
        if errors:
            raise ValidationError(errors)
        materials = list(TrainingMaterial.objects.filter(pk__in=data.pop("materials")))
        return SessionInput(customer=customer, trainer=trainer, **data), materials

    def _output(self, session_id: int, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=session_id)).data, status=code)

    @extend_schema(request=s.TrainingSessionInputSerializer, responses={201: s.TrainingSessionOutputSerializer})
    def create(self, request: Request) -> Response:
        data, materials = self._input(request)
        return self._output(training_session_create(data=data, materials=materials).pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.TrainingSessionInputSerializer, responses=s.TrainingSessionOutputSerializer)
    def update(self, request: Request, pk: str) -> Response:
        session = self.get_object()
        data, materials = self._input(request)
        training_session_update(session=session, data=data)
        session.materials.set(materials)
        return self._output(session.pk)

    @extend_schema(request=s.AttendanceSerializer, responses=s.TrainingSessionOutputSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str) -> Response:
        serializer = s.AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = training_attendance_record(session=self.get_object(), present_ids=set(serializer.data["present"]))
        return self._output(session.pk)


class BudgetLineViewSet(StaffAPIMixin, viewsets.ModelViewSet):
    serializer_class = s.BudgetLineSerializer
    queryset = BudgetLine.objects.order_by("pk")

    def perform_create(self, serializer: s.BudgetLineSerializer) -> None:
        serializer.instance = budget_line_save(line=BudgetLine(**serializer.validated_data))

    def perform_update(self, serializer: s.BudgetLineSerializer) -> None:
        for name, value in serializer.validated_data.items():
            setattr(serializer.instance, name, value)
        budget_line_save(line=serializer.instance)

    @extend_schema(parameters=[AS_OF], responses=s.BudgetSummarySerializer)
    @action(detail=False, methods=["get"])
    def summary(self, request: Request) -> Response:
        return Response(s.BudgetSummarySerializer(budget_summary(as_of=_as_of(request))).data)


class ExpenseViewSet(StaffAPIMixin, viewsets.ModelViewSet):
    serializer_class = s.ExpenseSerializer
    filterset_fields = ["line"]

    def get_queryset(self) -> QuerySet[Expense]:
        return expense_list()

    def perform_create(self, serializer: s.ExpenseSerializer) -> None:
        serializer.instance = expense_create(**serializer.validated_data)

    def perform_update(self, serializer: s.ExpenseSerializer) -> None:
        expense_update(expense=serializer.instance, **serializer.validated_data)


class RiskViewSet(StaffAPIMixin, viewsets.ModelViewSet):
    serializer_class = s.RiskSerializer
    filterset_fields = ["category", "status"]

    def get_queryset(self) -> QuerySet[Risk]:
        return risk_list()

    def _save(self, serializer: s.RiskSerializer, risk: Risk) -> None:
        data = dict(serializer.validated_data)
        incidents = data.pop("incidents", None)
        for name, value in data.items():
            setattr(risk, name, value)
        risk_save(risk=risk)
        if incidents is not None:
            risk.incidents.set(incidents)
        serializer.instance = risk_list().get(pk=risk.pk)

    def perform_create(self, serializer: s.RiskSerializer) -> None:
        self._save(serializer, Risk())

    def perform_update(self, serializer: s.RiskSerializer) -> None:
        self._save(serializer, serializer.instance)


class SuccessCriterionViewSet(
    StaffAPIMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """The scorecard (list), a person's judgement of a criterion, and the go / no-go decision."""

    serializer_class = s.CriterionSerializer
    queryset = SuccessCriterion.objects.all()
    pagination_class = None  # the list is the scorecard, one object
    schema = ObjectAnswersSchema()

    @extend_schema(operation_id="v1_success_criteria_scorecard", parameters=[AS_OF], responses=s.ScorecardSerializer)
    def list(self, request: Request) -> Response:
        return Response(s.ScorecardSerializer(scorecard_get(as_of=_as_of(request))).data)

    @extend_schema(request=s.JudgeSerializer, responses=s.CriterionSerializer)
    @action(detail=True, methods=["post"])
    def judge(self, request: Request, pk: str) -> Response:
        serializer = s.JudgeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criterion = criterion_judge(criterion=self.get_object(), by=request.user, **serializer.validated_data)
        return Response(s.CriterionSerializer(criterion).data)

    @extend_schema(request=s.DecisionInputSerializer, responses={201: s.DecisionOutputSerializer})
    @action(detail=False, methods=["post"])
    def decision(self, request: Request) -> Response:
        serializer = s.DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = go_decision_record(by=request.user, **serializer.validated_data)
        return Response(s.DecisionOutputSerializer(decision).data, status=status.HTTP_201_CREATED)
