"""What the survey page shows for each question (labels in the active language, chosen values, errors)."""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback.choices import QuestionKind
from feedback.constants import SCALES
from feedback.models import Feature, Question, Survey
from feedback.selectors import feature_list_offered, question_list

SCALE_ENDS = {
    "csat": (_("Very dissatisfied"), _("Very satisfied")),
    "nps": (_("Not at all likely"), _("Extremely likely")),
    "ces": (_("Very difficult"), _("Very easy")),
}


@dataclass
class FormRow:
    key: str
    kind: str
    text: str
    required: bool
    options: list[tuple[str, str]] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    low_label: str = ""
    high_label: str = ""

    @property
    def is_scale(self) -> bool:
        return self.kind in SCALES

    @property
    def many(self) -> bool:
        return self.kind in (QuestionKind.MULTIPLE, QuestionKind.FEATURES)

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT

    @property
    def value(self) -> str:
        return self.chosen[0] if self.chosen else ""


def _options(kind: str, raw: list[dict], features: list) -> list[tuple[str, str]]:
    if kind in SCALES:
        low, high = SCALES[kind]
        return [(str(n), str(n)) for n in range(low, high + 1)]
    if kind == QuestionKind.FEATURES:
        return [(f.key, f.name) for f in features]
    language = get_language()
    return [(o["value"], o.get(language) or o.get("en") or o["value"]) for o in raw]


def survey_form_rows(
    *,
    survey: Survey,
    data: dict[str, list[str]],
    errors: dict[str, list[str]],
    questions: list[Question] | None = None,
    features: list[Feature] | None = None,
) -> list[FormRow]:
    """`questions` (unsaved) lets the back office preview a survey before it exists; `features` are the
    checklist's options (the current schema's when None)."""
    features = feature_list_offered() if features is None else features
    rows = []
    for question in question_list(survey=survey) if questions is None else questions:
        low, high = SCALE_ENDS.get(question.kind, ("", ""))
        rows.append(
            FormRow(
                key=question.key,
                kind=question.kind,
                text=question.text,
                required=question.required,
                options=_options(question.kind, question.options, features),
                chosen=[str(v) for v in data.get(question.key, [])],
                errors=errors.get(question.key, []),
                low_label=str(low),
                high_label=str(high),
            )
        )
    return rows
