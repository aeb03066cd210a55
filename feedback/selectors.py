"""Reads of the feedback app, and the numbers the pilot is judged by (docs/CONTRACTS.md)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Func, IntegerField, Q, QuerySet, Sum
from django.utils import timezone

from core.names import BilingualNameMixin
from core.schemas import customer_schema
from feedback import rules as analysis
from feedback.answers import QuestionSpec
from feedback.choices import ItemKind, ItemStatus, QuestionKind
from feedback.constants import QUESTION_FIELDS, SCALES, TOP_ITEMS
from feedback.models import (
    Answer,
    CheckIn,
    Contact,
    Feature,
    FeedbackItem,
    FeedbackVote,
    Invitation,
    Question,
    Response,
    Survey,
    SurveyRound,
)
from feedback.rules import Counts
from feedback.tokens import token_hash, token_looks_valid
from feedback.weeks import weeks_between
from rollups.models import SurveyDigest
from rollups.selectors import feedback_day_list, feedback_item_day_list, survey_digest_list
from tenants.choices import Status
from tenants.constants import PROVISIONED_STATUSES, SELECTED_STATUSES
from tenants.models import CustomerStatusChange, PilotCustomer
from tenants.selectors import customer_list_provisioned

PAIN_KINDS = (ItemKind.PAIN_POINT, ItemKind.PROBLEM)
REQUEST_KINDS = (ItemKind.FEATURE_REQUEST, ItemKind.SUGGESTION)
# Each schema sends at most this many titles per list; the overall top 5 is drawn from these.
TOP_PER_SCHEMA = 50


# --- the survey page ---------------------------------------------------------------------------


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation of a link in the current schema, or None. Only the hash is looked up."""
    if not token_looks_valid(token):
        return None
    return (
        Invitation.objects.select_related("round__survey", "contact", "response")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_is_open(*, invitation: Invitation, now: datetime | None = None) -> bool:
    return invitation.expires_at > (now or timezone.now())


def question_list(*, survey: Survey) -> list[Question]:
    return list(survey.questions.all())


def feature_list_offered(*, customer: PilotCustomer | None = None) -> list[Feature]:
    """The features a survey's checklist offers: the customer's (None: the current schema's)."""
    with customer_schema(customer):
        return list(Feature.objects.filter(active=True))


def question_specs(*, questions: Iterable[Question]) -> list[QuestionSpec]:
    """What answers_clean needs to know of each question (the checklist's options are the features)."""
    questions = list(questions)
    features = (
        tuple(f.key for f in feature_list_offered()) if any(q.kind == QuestionKind.FEATURES for q in questions) else ()
    )
    return [
        QuestionSpec(
            key=q.key,
            kind=q.kind,
            required=q.required,
            options=features if q.kind == QuestionKind.FEATURES else tuple(o["value"] for o in q.options),
        )
        for q in questions
    ]


def response_answers(*, invitation: Invitation) -> dict[str, list[str]]:
    """The stored answers of an invitation, shaped like form data (to pre-fill the page)."""
    response = getattr(invitation, "response", None)
    if response is None:
        return {}
    answers = {}
    for answer in Answer.objects.filter(response=response).select_related("question"):
        if answer.score is not None:
            answers[answer.question.key] = [str(answer.score)]
        elif answer.choices:
            answers[answer.question.key] = list(answer.choices)
        elif answer.text:
            answers[answer.question.key] = [answer.text]
    return answers


# --- lists ---------------------------------------------------------------------------------------


def feedback_item_list(*, kind: str | None = None, include_merged: bool = False) -> QuerySet[FeedbackItem]:
    items = FeedbackItem.objects.all()
    if kind:
        items = items.filter(kind=kind)
    if not include_merged:
        items = items.exclude(status=ItemStatus.MERGED)
    return items.order_by("-votes", "-created_at", "-pk")


def contact_list() -> QuerySet[Contact]:
    """The customer's survey contacts (run in its schema)."""
    return Contact.objects.order_by("name", "pk")


def feedback_item_ids_voted(*, user: User) -> set[int]:
    """The items this person stands behind (their vote button then removes the vote)."""
    return set(FeedbackVote.objects.filter(user=user).values_list("item_id", flat=True))


def checkin_list() -> QuerySet[CheckIn]:
    return CheckIn.objects.order_by("-held_at", "-pk")


def checkin_list_for(*, customer: PilotCustomer, limit: int) -> list[CheckIn]:
    """One customer's latest check-ins, read in its schema (for staff, on the public domain)."""
    with customer_schema(customer):
        return list(checkin_list()[:limit])


def feedback_items_by_id(*, customer: PilotCustomer, ids: list[int]) -> dict[int, FeedbackItem]:
    """Those of the given items the customer has, by id (one query in its schema)."""
    with customer_schema(customer):
        return {item.pk: item for item in FeedbackItem.objects.filter(pk__in=ids)}


def feedback_item_list_for(*, customer: PilotCustomer, kind: str | None, limit: int) -> list[FeedbackItem]:
    """One customer's items, most voted first, read in its schema (for staff, on the public domain)."""
    with customer_schema(customer):
        return list(feedback_item_list(kind=kind)[:limit])


def survey_list() -> QuerySet[Survey]:
    return Survey.objects.prefetch_related("questions").annotate(round_count=Count("rounds")).order_by("pk")


@dataclass(frozen=True)
class SurveyListed(BilingualNameMixin):
    """A customer's survey as the staff list shows it, read from the public summary (SurveyDigest):
    `id` is the survey's id in the customer's schema, `questions` the question dicts in API order."""

    id: int
    key: str
    title_en: str
    title_ar: str
    published: bool
    round_count: int
    questions: list[dict[str, Any]]

    @property
    def title(self) -> str:
        return self.localized("title")


@dataclass(frozen=True)
class SurveysByCustomer:
    """Every provisioned customer (by slug) with its surveys (by id); `as_of`: when the oldest summary
    row read was refreshed (None: none yet)."""

    rows: list[tuple[PilotCustomer, list[SurveyListed]]]
    as_of: datetime | None


def _survey_listed(digest: SurveyDigest) -> SurveyListed:
    return SurveyListed(
        id=digest.survey_id,
        key=digest.key,
        title_en=digest.title_en,
        title_ar=digest.title_ar,
        published=digest.published,
        round_count=digest.rounds,
        questions=digest.questions,
    )


def survey_list_by_customer() -> SurveysByCustomer:
    """Every provisioned customer with its surveys, from the public summaries in two queries."""
    customers = list(customer_list_provisioned())
    surveys: dict[int, list[SurveyListed]] = {customer.pk: [] for customer in customers}
    refreshed = []
    for digest in survey_digest_list(customer_ids=list(surveys)):
        surveys[digest.customer_id].append(_survey_listed(digest))
        refreshed.append(digest.refreshed_at)
    return SurveysByCustomer([(c, surveys[c.pk]) for c in customers], min(refreshed, default=None))


def schema_survey_list() -> list[SurveyListed]:
    """The current schema's surveys as the staff list shows them (what the public summary stores)."""
    return [
        SurveyListed(
            id=survey.pk,
            key=survey.key,
            title_en=survey.title_en,
            title_ar=survey.title_ar,
            published=survey.published,
            round_count=survey.round_count,  # type: ignore[attr-defined]  # annotated by survey_list
            questions=[{name: getattr(q, name) for name in QUESTION_FIELDS} for q in survey.questions.all()],
        )
        for survey in survey_list()
    ]


# --- the numbers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    week_start: date
    satisfaction_pct: Decimal | None
    nps: Decimal | None
    response_rate_pct: Decimal | None
    responses: int
    invitations: int = 0
    ces: Decimal | None = None
    adoption_pct: Decimal | None = None


@dataclass(frozen=True)
class FeedbackSummary:
    """The user-experience numbers of the pilot (targets: satisfaction > 80 %, adoption > 70 %, churn < 5 %).

    - satisfaction_pct: share of CSAT answers (1–5) that are 4 or 5.
    - nps: % promoters (9–10) − % detractors (0–6) of the recommendation answers.
    - ces: mean effort score, 1–7 (7 = very easy).
    - response_rate_pct: responses / invitations of the rounds in the window.
    - adoption_pct: features ticked / features offered, over every feature checklist answered.
    - churn_pct: withdrawn / selected customers (public status history), in the window.
    - positive_feedback_pct: share of recommendation answers that are not detractors (7–10),
      i.e. promoters plus passives.
    - top_pain_points: pain points and problem reports; top_requests: feature requests and
      improvement suggestions; (title, votes) with merged duplicates counted in their target.
    Weeks start on Sunday; `weekly` lists every week of the window, empty ones included.
    """

    satisfaction_pct: Decimal | None
    nps: Decimal | None
    ces: Decimal | None
    response_rate_pct: Decimal | None
    adoption_pct: Decimal | None
    churn_pct: Decimal | None
    responses: int
    positive_feedback_pct: Decimal | None
    top_pain_points: list[tuple[str, int]]
    top_requests: list[tuple[str, int]]
    weekly: list[WeekRow]
    invitations: int = 0
    customers: int = 0
    as_of: datetime | None = None  # read from summaries refreshed at this time (None: none yet)


@dataclass
class SchemaCounts:
    """What one customer's schema contributes, by week."""

    weeks: dict[date, Counts] = field(default_factory=dict)
    pain_points: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)

    def week(self, week_start: date) -> Counts:
        return self.weeks.setdefault(week_start, Counts())

    def __add__(self, other: "SchemaCounts") -> "SchemaCounts":
        weeks = dict(self.weeks)
        for week_start, counts in other.weeks.items():
            weeks[week_start] = weeks.get(week_start, Counts()) + counts
        return SchemaCounts(weeks, self.pain_points + other.pain_points, self.requests + other.requests)


def _window(field_name: str, start: date | None, end: date | None) -> Q:
    query = Q()
    if start is not None:
        query &= Q(**{f"{field_name}__gte": start})
    if end is not None:
        query &= Q(**{f"{field_name}__lt": end})
    return query


class JsonbArrayLength(Func):
    function = "jsonb_array_length"
    output_field = IntegerField()


def _score_counts(counts: SchemaCounts, start: date | None, end: date | None) -> None:
    week = "response__invitation__round__week_start"
    rows = (
        Answer.objects.filter(_window(week, start, end), question__kind__in=list(SCALES), score__isnull=False)
        .values_list(week, "question__kind", "score")
        .annotate(n=Count("id"))
        .order_by()
    )
    for week_start, kind, score, n in rows:
        getattr(counts.week(week_start), kind)[score] += n


def _feature_counts(counts: SchemaCounts, start: date | None, end: date | None) -> None:
    week = "response__invitation__round__week_start"
    offered = Feature.objects.filter(active=True).count()
    rows = (
        Answer.objects.filter(_window(week, start, end), question__kind=QuestionKind.FEATURES)
        .values_list(week)
        .annotate(answers=Count("id"), used=Sum(JsonbArrayLength("choices")))
        .order_by()
    )
    for week_start, answers, used in rows:
        counts.week(week_start).features_used += used or 0
        counts.week(week_start).features_offered += answers * offered


def _invitation_counts(counts: SchemaCounts, start: date | None, end: date | None) -> None:
    rows = (
        Invitation.objects.filter(_window("round__week_start", start, end))
        .values_list("round__week_start")
        .annotate(invitations=Count("id"), responses=Count("response"))
        .order_by()
    )
    for week_start, invitations, responses in rows:
        counts.week(week_start).invitations += invitations
        counts.week(week_start).responses += responses


def _item_counts(counts: SchemaCounts, start: date | None, end: date | None) -> None:
    rows = (
        FeedbackItem.objects.filter(_window("created_at__date", start, end), kind__in=[*PAIN_KINDS, *REQUEST_KINDS])
        .exclude(status=ItemStatus.MERGED)
        .values_list("kind", "title")
        .annotate(votes=Sum("votes"))
        .order_by("-votes")[: TOP_PER_SCHEMA * 2]
    )
    for kind, title, votes in rows:
        (counts.pain_points if kind in PAIN_KINDS else counts.requests)[title] += votes


WEEK_READS = (_score_counts, _feature_counts, _invitation_counts)


def schema_counts_read(*, start: date | None = None, end: date | None = None) -> SchemaCounts:
    """The current schema's counts computed directly from its answers (four grouped queries whatever
    the number of responses). Pages read the public summaries instead (`feedback_summary`); this is
    what refreshes them and what they are checked against."""
    counts = SchemaCounts()
    for read in (*WEEK_READS, _item_counts):
        read(counts, start, end)
    return counts


def schema_week_counts_read(*, start: date | None = None, end: date | None = None) -> SchemaCounts:
    """Survey counts by round week in [start, end) of the current schema (no items)."""
    counts = SchemaCounts()
    for read in WEEK_READS:
        read(counts, start, end)
    return counts


OPEN_STATUSES = (ItemStatus.NEW, ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)


def schema_item_days_read(*, day: date | None = None) -> list[tuple[date, str, str, int, int, int]]:
    """(day, kind, title, votes, items, open items) of the current schema's items created on `day`
    (every day when None), merged duplicates left out; one grouped query."""
    items = FeedbackItem.objects.exclude(status=ItemStatus.MERGED)
    if day is not None:
        items = items.filter(created_at__date=day)
    return list(
        items.values_list("created_at__date", "kind", "title")
        .annotate(votes=Sum("votes"), items=Count("id"), open_items=Count("id", filter=Q(status__in=OPEN_STATUSES)))
        .order_by()
    )


def _churn_ids(
    customers: list[PilotCustomer] | None, start: date | None, end: date | None
) -> tuple[set[int], set[int]]:
    """The one churn rule: (withdrawn ids, selected ids). Selected: ever reached 'selected' before the
    window's end (or is now in a selected-or-later status); withdrawn: of those, withdrawn inside the window."""
    changes = CustomerStatusChange.objects.all()
    if customers is not None:
        changes = changes.filter(customer__in=customers)
    if end is not None:
        changes = changes.filter(changed_at__lt=_day_start(end))
    selected = set(changes.filter(to_status=Status.SELECTED).values_list("customer_id", flat=True))
    current = PilotCustomer.objects.filter(status__in=SELECTED_STATUSES)
    if customers is not None:
        current = current.filter(pk__in=[c.pk for c in customers])
    selected |= set(current.values_list("pk", flat=True))
    withdrawn = changes.filter(to_status=Status.WITHDRAWN, customer_id__in=selected)
    if start is not None:
        withdrawn = withdrawn.filter(changed_at__gte=_day_start(start))
    return set(withdrawn.values_list("customer_id", flat=True)), selected


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _weeks(counts: SchemaCounts, start: date | None, end: date | None) -> list[date]:
    known = sorted(counts.weeks)
    first = start or (known[0] if known else None)
    last = (end - timedelta(days=1)) if end else (known[-1] if known else None)
    if first is None or last is None or last < first:
        return []
    return weeks_between(first, last)


def _week_row(week_start: date, counts: Counts) -> WeekRow:
    return WeekRow(
        week_start=week_start,
        satisfaction_pct=analysis.satisfaction_pct(counts),
        nps=analysis.nps(counts),
        response_rate_pct=analysis.response_rate_pct(counts),
        responses=counts.responses,
        invitations=counts.invitations,
        ces=analysis.ces(counts),
        adoption_pct=analysis.adoption_pct(counts),
    )


def summary_from_counts(
    *,
    counts: SchemaCounts,
    churn: tuple[int, int],
    customers: int,
    start: date | None = None,
    end: date | None = None,
    weekly: bool = True,
) -> FeedbackSummary:
    """Turn counts into the summary (pure: no queries); `weekly=False` leaves the week-by-week rows out."""
    total = analysis.counts_sum(counts.weeks.values())
    return FeedbackSummary(
        satisfaction_pct=analysis.satisfaction_pct(total),
        nps=analysis.nps(total),
        ces=analysis.ces(total),
        response_rate_pct=analysis.response_rate_pct(total),
        adoption_pct=analysis.adoption_pct(total),
        churn_pct=analysis.churn_pct(withdrawn=churn[0], selected=churn[1]),
        responses=total.responses,
        positive_feedback_pct=analysis.positive_feedback_pct(total),
        top_pain_points=analysis.top(counts.pain_points, TOP_ITEMS),
        top_requests=analysis.top(counts.requests, TOP_ITEMS),
        weekly=[_week_row(w, counts.weeks.get(w, Counts())) for w in _weeks(counts, start, end)] if weekly else [],
        invitations=total.invitations,
        customers=customers,
    )


DAY_FIELDS = ("csat", "nps", "ces", "invitations", "responses", "features_used", "features_offered")


def _counts_from_day(csat: dict[str, int], nps: dict[str, int], ces: dict[str, int], *totals: int) -> Counts:
    def scores(counter: dict[str, int]) -> Counter[int]:
        return Counter({int(score): n for score, n in counter.items()})

    return Counts(scores(csat), scores(nps), scores(ces), *totals)


def _item_tops(rows: Iterable[tuple[str, str, int]]) -> tuple[Counter[str], Counter[str]]:
    """Pain points and requests of one customer from (kind, title, votes): its TOP_PER_SCHEMA * 2
    (kind, title) pairs with the most votes, as the direct computation takes them from each schema."""
    votes: Counter[tuple[str, str]] = Counter()
    for kind, title, n in rows:
        if kind in PAIN_KINDS or kind in REQUEST_KINDS:
            votes[(kind, title)] += n
    pains: Counter[str] = Counter()
    requests: Counter[str] = Counter()
    for (kind, title), n in votes.most_common(TOP_PER_SCHEMA * 2):
        (pains if kind in PAIN_KINDS else requests)[title] += n
    return pains, requests


def _summary_counts(
    customers: list[PilotCustomer], start: date | None, end: date | None
) -> tuple[dict[int, SchemaCounts], datetime | None]:
    """Each customer's counts from the public summaries (two queries, plain tuples: at the design
    point that is 5,200 day rows), and when the oldest of them was refreshed."""
    ids = [c.pk for c in customers]
    per_customer = {pk: SchemaCounts() for pk in ids}
    refreshed: list[datetime] = []
    days = feedback_day_list(customer_ids=ids, start=start, end=end)
    for customer_id, day, refreshed_at, *figures in days.values_list("customer_id", "day", "refreshed_at", *DAY_FIELDS):
        weeks, counts = per_customer[customer_id].weeks, _counts_from_day(*figures)
        weeks[day] = weeks[day] + counts if day in weeks else counts  # a day's rows add up (rollups.services)
        refreshed.append(refreshed_at)
    items: dict[int, list[tuple[str, str, int]]] = {pk: [] for pk in ids}
    item_rows = feedback_item_day_list(customer_ids=ids, start=start, end=end)
    for customer_id, kind, title, votes, refreshed_at in item_rows.values_list(
        "customer_id", "kind", "title", "votes", "refreshed_at"
    ):
        items[customer_id].append((kind, title, votes))
        refreshed.append(refreshed_at)
    for pk, rows in items.items():
        per_customer[pk].pain_points, per_customer[pk].requests = _item_tops(rows)
    return per_customer, min(refreshed, default=None)


@dataclass(frozen=True)
class CustomerSummary:
    """One customer's counts over a window from the summaries (the ratios are analysis' functions)."""

    customer_id: int
    counts: Counts
    feedback_items: int
    open_items: int
    as_of: datetime | None


def customer_summaries(
    *, customers: Iterable[PilotCustomer], start: date | None = None, end: date | None = None
) -> dict[int, CustomerSummary]:
    """Each customer's figures over [start, end) read from the public summaries in three queries,
    by customer id: survey counts by round week start, feedback items by creation day."""
    chosen = list(customers)
    per_customer, as_of = _summary_counts(chosen, start, end)
    items = {c.pk: (0, 0) for c in chosen}
    rows = feedback_item_day_list(customer_ids=list(items), start=start, end=end)
    for customer_id, total, still_open in rows.values_list("customer_id", "items", "open_items"):
        items[customer_id] = (items[customer_id][0] + total, items[customer_id][1] + still_open)
    return {
        pk: CustomerSummary(pk, analysis.counts_sum(counts.weeks.values()), *items[pk], as_of)
        for pk, counts in per_customer.items()
    }


def _counts_merge(many: Iterable[SchemaCounts]) -> SchemaCounts:
    """Customers' counts added week by week (in place: 50 customers x 104 weeks at the design point)."""
    merged = SchemaCounts()
    by_week: dict[date, list[Counts]] = {}
    for counts in many:
        for week_start, week in counts.weeks.items():
            by_week.setdefault(week_start, []).append(week)
        merged.pain_points.update(counts.pain_points)
        merged.requests.update(counts.requests)
    merged.weeks = {week_start: analysis.counts_sum(weeks) for week_start, weeks in by_week.items()}
    return merged


def feedback_summary(
    *, customer: PilotCustomer | None = None, start: date | None = None, end: date | None = None
) -> FeedbackSummary:
    """The pilot's feedback numbers for one customer, or every customer with a schema when None.

    Read from the public summaries (rollups: a fixed number of queries whatever the number of
    customers) and the churn from the public status history. Window: round weeks (and item creation
    dates) in [start, end). `as_of`: when the oldest summary read was refreshed.
    """
    customers = _customers_with_schema() if customer is None else [customer]
    per_customer, as_of = _summary_counts(customers, start, end)
    counts = _counts_merge(per_customer.values())
    withdrawn, selected = _churn_ids(None if customer is None else customers, start, end)
    summary = summary_from_counts(
        counts=counts, churn=(len(withdrawn), len(selected)), customers=len(customers), start=start, end=end
    )
    return replace(summary, as_of=as_of)


def feedback_dashboard(
    *, start: date | None = None, end: date | None = None
) -> tuple[FeedbackSummary, list[tuple[PilotCustomer, FeedbackSummary]]]:
    """The overall summary and one per customer (without week-by-week rows), from one read of the
    public summaries."""
    customers = _customers_with_schema()
    per_customer, as_of = _summary_counts(customers, start, end)
    withdrawn, selected = _churn_ids(None, start, end)
    rows = [
        (
            c,
            summary_from_counts(
                counts=per_customer[c.pk],
                churn=(int(c.pk in withdrawn), int(c.pk in selected)),
                customers=1,
                start=start,
                end=end,
                weekly=False,
            ),
        )
        for c in customers
    ]
    counts = _counts_merge(per_customer.values())
    overall = summary_from_counts(
        counts=counts, churn=(len(withdrawn), len(selected)), customers=len(customers), start=start, end=end
    )
    return replace(overall, as_of=as_of), rows


def _customers_with_schema() -> list[PilotCustomer]:
    """Provisioned customers and withdrawn ones that kept their schema: their answers still count."""
    return list(customer_list_provisioned(statuses=[*PROVISIONED_STATUSES, Status.WITHDRAWN]))


def response_list(*, survey: Survey | None = None, week_start: date | None = None) -> QuerySet[Response]:
    """Responses of this schema, newest first, with what the browser and the export show."""
    responses = Response.objects.select_related("invitation__round__survey", "invitation__contact")
    if survey is not None:
        responses = responses.filter(invitation__round__survey=survey)
    if week_start is not None:
        responses = responses.filter(invitation__round__week_start=week_start)
    return responses.prefetch_related("answers__question").order_by("-submitted_at", "-pk")


@dataclass(frozen=True)
class ResponsePage:
    """One page of the back office's response browser (one response a page), read in the customer's schema."""

    surveys: list[Survey]
    survey: Survey | None
    page: Page[Response]
    answers: list[tuple[str, str | int]]


def _responses_of(
    *, survey_key: str, week_start: date | None
) -> tuple[list[Survey], Survey | None, QuerySet[Response]]:
    surveys = list(survey_list())
    survey = next((s for s in surveys if s.key == survey_key), None)
    return surveys, survey, response_list(survey=survey, week_start=week_start)


def response_page_for(
    *, customer: PilotCustomer, survey_key: str, week_start: date | None, page_number: str | None
) -> ResponsePage:
    """The response browser's page: the customer's surveys, the chosen one, one response and its answers."""
    with customer_schema(customer):
        surveys, survey, responses = _responses_of(survey_key=survey_key, week_start=week_start)
        page = Paginator(responses, 1).get_page(page_number)
        answers = [(a.question.text, answer_display(a)) for r in page.object_list for a in r.answers.all()]
    return ResponsePage(surveys=surveys, survey=survey, page=page, answers=answers)


def response_export_rows(
    *, customer: PilotCustomer, survey_key: str, week_start: date | None
) -> tuple[list[str], list[list[object]]]:
    """The filtered responses as a table (header, rows): one column per question key met."""
    with customer_schema(customer):
        responses = list(_responses_of(survey_key=survey_key, week_start=week_start)[2])
        keys = list(dict.fromkeys(a.question.key for r in responses for a in r.answers.all()))
        rows = [_export_row(r, keys) for r in responses]
    return ["survey", "week_start", "submitted_at", "language", "contact", *keys], rows


def _export_row(response: Response, keys: list[str]) -> list[object]:
    answers = {a.question.key: answer_display(a) for a in response.answers.all()}
    round_ = response.invitation.round
    return [
        round_.survey.key,
        round_.week_start.isoformat(),
        timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
        response.language,
        response.invitation.contact.email,
        *(answers.get(key, "") for key in keys),
    ]


def answer_display(answer: Answer) -> str | int:
    """One answer as a cell: the score, the chosen values, or the text."""
    if answer.score is not None:
        return answer.score
    if answer.choices:
        return ", ".join(str(choice) for choice in answer.choices)
    return answer.text


def survey_round_open_get(*, now: datetime | None = None) -> SurveyRound | None:
    """This week's open survey round of the customer (run in its schema), for its portal's home."""
    now = now or timezone.now()
    rounds = SurveyRound.objects.filter(opened_at__lte=now, closes_at__gt=now).select_related("survey")
    return rounds.order_by("closes_at", "pk").first()
