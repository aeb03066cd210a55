"""Checking a respondent's answers against the survey's questions (no ORM).

Input comes from the HTML form (lists of strings) or the API (JSON numbers, strings, lists); both
end here, so the page and the API refuse the same things with the same message per question.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from feedback.choices import QuestionKind
from feedback.constants import SCALES, TEXT_MAX_CHARS


@dataclass(frozen=True)
class CleanAnswer:
    score: int | None = None
    choices: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.score is None and not self.choices and not self.text


class AnswerError(ValueError):
    pass


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _single(value: Any) -> Any:
    values = [v for v in _as_list(value) if v not in ("", None)]
    if len(values) > 1:
        raise AnswerError(_("Give one answer only."))
    return values[0] if values else None


def _score(value: Any, low: int, high: int) -> int | None:
    value = _single(value)
    if value is None:
        return None
    text = str(value).strip()
    # A score is a few digits; a long digit string (int() refuses past 4,300 digits) is just not a choice.
    if isinstance(value, bool) or not isinstance(value, int | str) or not text.lstrip("-").isdigit() or len(text) > 6:
        raise AnswerError(_("Choose a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    score = int(value)
    if not low <= score <= high:
        raise AnswerError(_("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return score


def _choices(value: Any, allowed: Iterable[str], many: bool) -> list[str]:
    picked = [v for v in _as_list(value) if v not in ("", None)] if many else _as_list(_single(value))
    if any(not isinstance(v, str) for v in picked):
        raise AnswerError(_("Choose from the options given."))
    unknown = set(picked) - set(allowed)
    if unknown:
        raise AnswerError(_("Unknown option: %(options)s.") % {"options": ", ".join(sorted(unknown))})
    return list(dict.fromkeys(picked))


def _text(value: Any) -> str:
    value = _single(value)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnswerError(_("Write text here."))
    value = value.strip()
    if len(value) > TEXT_MAX_CHARS:
        raise AnswerError(
            _("Keep it under %(max)s characters (this has %(length)s).") % {"max": TEXT_MAX_CHARS, "length": len(value)}
        )
    return value


def answer_clean(*, kind: str, value: Any, options: Iterable[str], required: bool) -> CleanAnswer:
    """One answer, checked; raises AnswerError with the message the respondent sees."""
    if kind in SCALES:
        answer = CleanAnswer(score=_score(value, *SCALES[kind]))
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.FEATURES):
        answer = CleanAnswer(choices=_choices(value, options, many=kind != QuestionKind.SINGLE))
    else:
        answer = CleanAnswer(text=_text(value))
    if required and answer.empty:
        raise AnswerError(_("This question needs an answer."))
    return answer


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    required: bool
    options: tuple[str, ...] = ()


def answers_clean(
    *, questions: Iterable[QuestionSpec], data: Mapping[str, Any]
) -> tuple[dict[str, CleanAnswer], dict[str, list[str]]]:
    """Every answer checked: (clean answers by question key, error messages by question key)."""
    clean: dict[str, CleanAnswer] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        try:
            clean[question.key] = answer_clean(
                kind=question.kind, value=data.get(question.key), options=question.options, required=question.required
            )
        except AnswerError as error:
            errors[question.key] = [str(error)]
    return clean, errors
