from rest_framework import serializers

from core.api import BoundedDateField
from feedback.choices import CUSTOMER_ITEM_KINDS, ItemKind, ItemStatus, QuestionKind
from feedback.constants import QUESTION_FIELDS, TEXT_MAX_CHARS
from feedback.models import CheckIn, FeedbackItem, Question, Survey


# Both serialise a model (a Question; a Survey annotated with `round_count`) or what the staff list reads
# from the public summary (a question's dict in SurveyDigest.questions; feedback.selectors.SurveyListed).
class QuestionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = list(QUESTION_FIELDS)


class SurveyOutputSerializer(serializers.ModelSerializer):
    questions = QuestionOutputSerializer(many=True, read_only=True)
    rounds = serializers.IntegerField(source="round_count", read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "key", "title_en", "title_ar", "published", "rounds", "questions"]


class CustomerSurveysOutputSerializer(serializers.Serializer):
    customer = serializers.CharField()
    surveys = SurveyOutputSerializer(many=True)


class CustomersInputSerializer(serializers.Serializer):
    customers = serializers.ListField(child=serializers.SlugField(), allow_empty=False, max_length=100)


class CustomerInputSerializer(serializers.Serializer):
    customer = serializers.SlugField()


class ResultsQuerySerializer(serializers.Serializer):
    customer = serializers.SlugField(required=False)
    start = BoundedDateField(required=False)
    end = BoundedDateField(required=False)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("start") and attrs.get("end") and attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": ["Give an end after the start."]})
        return attrs


class FeedbackItemOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "source",
            "status",
            "votes",
            "incident_ids",
            "duplicate_of",
            "created_at",
        ]


class FeedbackItemInputSerializer(serializers.Serializer):
    """A customer's new item (the customer API); the portal form's kinds."""

    kind = serializers.ChoiceField(choices=CUSTOMER_ITEM_KINDS)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=TEXT_MAX_CHARS, required=False, default="", allow_blank=True)


class ItemStatusInputSerializer(serializers.Serializer):
    customer = serializers.SlugField()
    item = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[c for c in ItemStatus.choices if c[0] != ItemStatus.MERGED])


class ItemMergeInputSerializer(serializers.Serializer):
    customer = serializers.SlugField()
    duplicate = serializers.IntegerField()
    into = serializers.IntegerField()


class CheckInInputSerializer(serializers.Serializer):
    customer = serializers.SlugField()
    week_start = serializers.DateField()
    held_at = serializers.DateTimeField()
    interviewer = serializers.CharField(max_length=120)
    interviewees = serializers.CharField(max_length=255)
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)
    problems = serializers.CharField(max_length=TEXT_MAX_CHARS, required=False, default="", allow_blank=True)
    suggestions = serializers.CharField(max_length=TEXT_MAX_CHARS, required=False, default="", allow_blank=True)


class CheckInOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = [
            "id",
            "week_start",
            "held_at",
            "interviewer",
            "interviewees",
            "satisfaction",
            "problems",
            "suggestions",
        ]


class OptionInputSerializer(serializers.Serializer):
    value = serializers.SlugField(max_length=40)
    en = serializers.CharField(max_length=200)
    ar = serializers.CharField(max_length=200)


class QuestionInputSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=40)
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    text_en = serializers.CharField(max_length=300)
    text_ar = serializers.CharField(max_length=300)
    required = serializers.BooleanField(default=True)
    options = OptionInputSerializer(many=True, required=False, default=list)
    item_kind = serializers.ChoiceField(choices=ItemKind.choices, required=False, allow_blank=True, default="")


class SurveyCreateInputSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=40)
    title_en = serializers.CharField(max_length=200)
    title_ar = serializers.CharField(max_length=200)
    intro_en = serializers.CharField(required=False, allow_blank=True, default="")
    intro_ar = serializers.CharField(required=False, allow_blank=True, default="")
    questions = QuestionInputSerializer(many=True, allow_empty=False, max_length=30)
    customers = serializers.ListField(child=serializers.SlugField(), allow_empty=False, max_length=100)
    publish = serializers.BooleanField(default=True)
