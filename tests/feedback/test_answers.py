"""Checking answers: out of range, wrong types, missing, oversized — one message per question."""

import pytest

from feedback.answers import AnswerError, QuestionSpec, answer_clean, answers_clean


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("csat", "5", 5),
        ("csat", 1, 1),
        ("nps", "0", 0),
        ("nps", ["10"], 10),
        ("ces", 7, 7),
    ],
)
def test_scales_accept_whole_numbers_in_range(kind: str, value: object, expected: int) -> None:
    assert answer_clean(kind=kind, value=value, options=(), required=True).score == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("csat", "6"),
        ("csat", 0),
        ("nps", 11),
        ("nps", "-1"),
        ("ces", "8"),
        ("csat", "4.5"),
        ("csat", "abc"),
        ("csat", True),
        ("csat", ["4", "5"]),
        ("csat", {"a": 1}),
    ],
)
def test_scales_refuse_out_of_range_and_wrong_types(kind: str, value: object) -> None:
    with pytest.raises(AnswerError):
        answer_clean(kind=kind, value=value, options=(), required=True)


def test_required_question_needs_an_answer() -> None:
    with pytest.raises(AnswerError, match="needs an answer"):
        answer_clean(kind="csat", value="", options=(), required=True)
    assert answer_clean(kind="csat", value="", options=(), required=False).empty


def test_choices_must_be_offered() -> None:
    assert answer_clean(kind="multiple", value=["a", "b", "a"], options=("a", "b"), required=False).choices == [
        "a",
        "b",
    ]
    with pytest.raises(AnswerError, match="Unknown option: z"):
        answer_clean(kind="features", value=["a", "z"], options=("a",), required=False)
    with pytest.raises(AnswerError, match="one answer only"):
        answer_clean(kind="single", value=["a", "b"], options=("a", "b"), required=True)
    with pytest.raises(AnswerError):
        answer_clean(kind="multiple", value=[1], options=("a",), required=False)


def test_text_is_trimmed_and_limited() -> None:
    assert answer_clean(kind="text", value="  hi  ", options=(), required=False).text == "hi"
    with pytest.raises(AnswerError, match="under 2000 characters"):
        answer_clean(kind="text", value="x" * 2001, options=(), required=False)
    with pytest.raises(AnswerError):
        answer_clean(kind="text", value=42, options=(), required=False)


def test_every_bad_answer_is_reported_by_its_question() -> None:
    questions = [QuestionSpec("a", "csat", True), QuestionSpec("b", "nps", True), QuestionSpec("c", "text", False)]
    clean, errors = answers_clean(questions=questions, data={"a": "9", "c": "fine"})
    assert set(errors) == {"a", "b"} and clean["c"].text == "fine"
