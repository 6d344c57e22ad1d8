"""Reads for the consultant's pages, always scoped to the consultant's firm.

The dashboard and the exports ask the database for one row per client company with the facts of
its latest assessment already attached (subqueries), so a page costs the same number of queries
with 3 clients or with 3,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from assessments import questionnaire
from assessments.catalog import current_bank
from assessments.models import Answer, Assessment, Organization, ResultSnapshot, StepConfirmation
from assessments.question_bank.answers import appendix
from assessments.scoring.bands import BANDS
from assessments.search import SEPARATOR, fold
from readiness.errors import NotFound

STATUS_NOT_STARTED = "not_started"
STATUS_IN_PROGRESS = "in_progress"
STATUS_SUBMITTED = "submitted"
STATUSES = (STATUS_NOT_STARTED, STATUS_IN_PROGRESS, STATUS_SUBMITTED)
STATUS_LABELS = {
    STATUS_NOT_STARTED: _("Sin empezar"),
    STATUS_IN_PROGRESS: _("En curso"),
    STATUS_SUBMITTED: _("Enviada"),
}

# Band keys from the highest to the lowest, as the scoring engine defines them.
BAND_KEYS = tuple(band.key for _floor, band in BANDS)

SORTS = {
    "name": (Lower("name").asc(), "pk"),
    "score": (F("overall").desc(nulls_last=True), Lower("name").asc(), "pk"),
    "activity": (F("last_activity").desc(), Lower("name").asc(), "pk"),
    "idle": (F("last_activity").asc(), Lower("name").asc(), "pk"),
}
DEFAULT_SORT = "name"
MAX_QUERY_LENGTH = 100
PORTFOLIO_GAPS = 10


def _is_english(lang: str | None) -> bool:
    return (lang or get_language() or "").lower().startswith("en")


def band_label(key: str | None, *, lang: str | None = None) -> str:
    """The band's name in `lang` (the active language by default); "" for no band."""
    english = _is_english(lang)
    for _floor, band in BANDS:
        if band.key == key:
            return band.en if english else band.es
    return ""


@dataclass(frozen=True)
class ClientFilters:
    """What the dashboard's GET form asks for; anything unknown falls back to "no filter"."""

    q: str = ""
    status: str = ""
    band: str = ""
    size: str = ""
    sector: str = ""
    archived: bool = False
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ClientFilters:
        def pick(name: str, allowed: Iterable[str], default: str = "") -> str:
            value = (params.get(name) or "").strip()
            return value if value in allowed else default

        def text(name: str, length: int) -> str:
            # A NUL character is refused by PostgreSQL: drop it rather than fail the page.
            return (params.get(name) or "").replace("\x00", "").strip()[:length]

        return cls(
            q=text("q", MAX_QUERY_LENGTH),
            status=pick("status", STATUSES),
            band=pick("band", BAND_KEYS),
            size=pick("size", Organization.Size.values),
            # Sectors are free text: any value is a plain equality filter, never an error.
            sector=text("sector", 60),
            archived=params.get("archived") in ("1", "on", "true"),
            sort=pick("sort", SORTS, DEFAULT_SORT),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.status or self.band or self.size or self.sector)


def _client_base(*, firm, archived: bool = False) -> QuerySet[Organization]:
    """The firm's client companies, each annotated with the facts of its assessments.

    latest_id / latest_status / latest_created_at: the newest assessment (draft or submitted);
    submitted_id / submitted_at / overall / band: the newest submitted one and its frozen result;
    last_activity: the newest change to any assessment (the company's creation when none);
    status: not_started (no assessment, or a draft without answers), in_progress, submitted.
    """
    if firm is None:
        # Companies without a firm belong to owners assessing alone: never listed to anyone.
        return Organization.objects.none()
    assessments = Assessment.objects.filter(organization=OuterRef("pk"))
    latest = assessments.order_by("-created_at", "-pk")
    submitted = assessments.filter(status=Assessment.Status.SUBMITTED).order_by("-submitted_at", "-pk")
    return (
        Organization.objects.filter(firm=firm, archived_at__isnull=not archived)
        .annotate(
            latest_id=Subquery(latest.values("pk")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            latest_created_at=Subquery(latest.values("created_at")[:1]),
            latest_previous_id=Subquery(latest.values("previous_id")[:1]),
            submitted_id=Subquery(submitted.values("pk")[:1]),
            submitted_at=Subquery(submitted.values("submitted_at")[:1]),
            overall=Subquery(submitted.values("snapshot__overall")[:1]),
            band=Subquery(submitted.values("snapshot__band")[:1]),
            last_activity=Coalesce(
                Subquery(assessments.order_by("-updated_at").values("updated_at")[:1]), F("created_at")
            ),
        )
        .annotate(
            latest_has_answers=Exists(Answer.objects.filter(assessment_id=OuterRef("latest_id"))),
            latest_has_confirmations=Exists(StepConfirmation.objects.filter(assessment_id=OuterRef("latest_id"))),
        )
        .annotate(
            status=Case(
                When(latest_status=Assessment.Status.SUBMITTED, then=Value(STATUS_SUBMITTED)),
                # A re-assessment starts with every previous answer copied in: it is under way only once
                # the owner has saved (confirmed or changed) a step, not when the consultant creates it.
                When(
                    latest_previous_id__isnull=False,
                    latest_has_confirmations=True,
                    then=Value(STATUS_IN_PROGRESS),
                ),
                When(latest_previous_id__isnull=False, then=Value(STATUS_NOT_STARTED)),
                When(latest_has_answers=True, then=Value(STATUS_IN_PROGRESS)),
                default=Value(STATUS_NOT_STARTED),
            )
        )
    )


def client_list(*, firm, filters: ClientFilters | None = None) -> QuerySet[Organization]:
    """The firm's client companies matching `filters`, sorted; one query however many there are."""
    filters = filters or ClientFilters()
    clients = _matching(_client_base(firm=firm, archived=filters.archived), filters)
    if filters.status:
        clients = clients.filter(status=filters.status)
    if filters.band:
        clients = clients.filter(band=filters.band)
    return clients.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def client_list_by_name(*, firm, filters: ClientFilters) -> QuerySet[Organization]:
    """client_list by name without the facts of the assessments (no status or band filter possible):
    the plain company rows, for consultants.client_page to complete one page of them."""
    if firm is None:
        return Organization.objects.none()
    clients = Organization.objects.filter(firm=firm, archived_at__isnull=not filters.archived)
    return _matching(clients, filters).order_by(*SORTS["name"])


def client_namesakes(*, firm, organization: Organization) -> list[Organization]:
    """The firm's other active clients with the same name as `organization`, accents and case aside
    (a client added twice by mistake)."""
    return list(
        Organization.objects.filter(
            firm=firm, archived_at__isnull=True, search_text__startswith=fold(organization.name) + SEPARATOR
        ).exclude(pk=organization.pk)[:5]
    )


def _matching(clients: QuerySet[Organization], filters: ClientFilters) -> QuerySet[Organization]:
    """The search box (name, contact, e-mail), size and sector."""
    if filters.q:  # accents and case ignored on both sides (Organization.search_text)
        clients = clients.filter(search_text__contains=fold(filters.q.strip()))
    if filters.size:
        clients = clients.filter(size_band=filters.size)
    if filters.sector:
        clients = clients.filter(sector__iexact=filters.sector)
    return clients


def client_rows_complete(
    *,
    clients: Iterable[Organization],
    lang: str | None = None,
    answers: Mapping[int, dict[str, Any]] | None = None,
    confirmed: Mapping[int, set[str]] | None = None,
) -> list[Organization]:
    """Add what the page shows but the database does not compute to each client of a page.

    `progress` (answered / applicable questions of the latest draft, for clients in progress; for a
    re-assessment, whose answers are all copied in, the steps the owner has confirmed out of the steps
    that apply, with `progress_in_steps` set), `days_idle`, `band_label` and `status_label`. One query
    for the answers of the whole page, and one for the confirmed steps when a re-assessment is under way,
    unless the caller already read them (`answers`, `confirmed`: by assessment id, at least those of
    every draft in progress on the page).
    """
    clients = list(clients)
    drafts = [c.latest_id for c in clients if c.status == STATUS_IN_PROGRESS]
    redo_drafts = [
        c.latest_id for c in clients if c.status == STATUS_IN_PROGRESS and getattr(c, "latest_previous_id", None)
    ]
    if answers is None:
        answers = drafts_answers(assessment_ids=drafts)
    if confirmed is None:
        confirmed = drafts_confirmed_steps(assessment_ids=redo_drafts)
    bank = current_bank()
    today = timezone.localdate()
    for client in clients:
        client.progress = None
        client.progress_in_steps = False
        if client.status == STATUS_IN_PROGRESS:
            draft_answers = answers.get(client.latest_id, {})
            if client.latest_id in redo_drafts:
                applicable = [section.key for section in questionnaire.steps(bank, draft_answers)]
                steps_done = confirmed.get(client.latest_id, set())
                done = sum(key in steps_done for key in applicable)
                client.progress = questionnaire.Progress(answered=done, applicable=len(applicable))
                client.progress_in_steps = True
            else:
                client.progress = questionnaire.progress(bank, draft_answers)
        client.days_idle = max((today - timezone.localdate(client.last_activity)).days, 0)
        client.band_label = band_label(client.band, lang=lang)
        client.status_label = STATUS_LABELS[client.status]
    return clients


def drafts_answers(*, assessment_ids: list[int]) -> dict[int, dict[str, Any]]:
    """{assessment id: {question key: answer}} of these drafts; one query (none for no drafts)."""
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    if assessment_ids:
        rows = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
            "assessment_id", "question_key", "value"
        )
        for assessment_id, key, value in rows:
            answers[assessment_id][key] = value
    return answers


def drafts_confirmed_steps(*, assessment_ids: list[int]) -> dict[int, set[str]]:
    """{assessment id: steps the owner has confirmed} of these re-assessments; one query (none for none)."""
    confirmed: dict[int, set[str]] = defaultdict(set)
    if assessment_ids:
        rows = StepConfirmation.objects.filter(assessment_id__in=assessment_ids).values_list(
            "assessment_id", "section_key"
        )
        for assessment_id, section_key in rows:
            confirmed[assessment_id].add(section_key)
    return confirmed


def profile_choice_label(question_key: str, value: str, *, lang: str | None = None) -> str:
    """The bank's label of a stored profile value (sector, state) in `lang`; the value itself when unknown.

    Client companies store the bank's option values ("servicios_profesionales", "ciudad_de_mexico"), which
    must never reach a page or an export as such; values from before the list are free text and kept.
    """
    if not value:
        return ""
    lang = "en" if _is_english(lang) else "es"
    for choice in current_bank().question(question_key).choices:
        if choice.value == value:
            return choice.label.get(lang)
    return value


def client_sectors(*, firm, lang: str | None = None) -> list[tuple[str, str]]:
    """The sectors the firm's clients are in, for the filter's choices: (value, label), by label."""
    if firm is None:
        return []
    sectors = (
        Organization.objects.filter(firm=firm).exclude(sector="").order_by().values_list("sector", flat=True).distinct()
    )
    choices = {(value, profile_choice_label("sector", value, lang=lang)) for value in sectors}
    return sorted(choices, key=lambda choice: choice[1].lower())


def client_domain_scores(*, clients: QuerySet[Organization]) -> dict[int, dict[str, float | None]]:
    """{submitted assessment id: {domain key: score, or None where no question applied}}; one query."""
    rows = ResultSnapshot.objects.filter(
        assessment_id__in=clients.filter(submitted_id__isnull=False).values("submitted_id")
    ).values_list("assessment_id", "result__domains")
    return {
        assessment_id: {d["domain"]: (d["score"] if d.get("applicable") else None) for d in domains or []}
        for assessment_id, domains in rows
    }


def client_list_with_assessments(*, firm) -> QuerySet[Organization]:
    """The firm's active client companies, each with its assessments (newest first) and results."""
    assessments = Assessment.objects.select_related("snapshot").order_by("-created_at")
    return (
        Organization.objects.filter(firm=firm, archived_at=None)
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by("name")
    )


def organization_get_for_firm(*, firm, org_id: int) -> Organization:
    """A client company of the firm (archived ones too); NotFound for any other."""
    if firm is None:
        raise NotFound("no firm")
    try:
        return Organization.objects.get(pk=org_id, firm=firm)
    except Organization.DoesNotExist as exc:
        raise NotFound("no such client") from exc


def organization_assessments(*, organization: Organization) -> list[Assessment]:
    """Every assessment of the company, newest first, with its score (not the whole frozen result)."""
    return list(
        Assessment.objects.filter(organization=organization)
        .select_related("snapshot")
        .defer("snapshot__result", "snapshot__answers")
        .order_by("-created_at", "-pk")
    )


def assessment_get_for_firm(*, firm, assessment_id: int) -> Assessment:
    """An assessment of one of the firm's client companies; NotFound for any other."""
    if firm is None:
        raise NotFound("no firm")
    try:
        return Assessment.objects.select_related("organization").get(pk=assessment_id, organization__firm=firm)
    except Assessment.DoesNotExist as exc:
        raise NotFound("no such assessment") from exc


def assessment_snapshot_or_none(*, assessment: Assessment) -> ResultSnapshot | None:
    if not assessment.is_submitted:
        return None
    return ResultSnapshot.objects.filter(assessment=assessment).first()


def assessment_answer_values(*, assessment: Assessment) -> dict[str, Any]:
    return dict(assessment.answers.values_list("question_key", "value"))


def assessment_answer_rows(
    *, assessment: Assessment, snapshot: ResultSnapshot | None = None, lang: str | None = None
) -> list[dict[str, str]]:
    """Every question that applies with its answer text ("" when unanswered), in bank order.

    A submitted assessment reads the texts frozen in its snapshot (as its report does); a draft
    reads the current bank and the answers saved so far.
    """
    suffix = "en" if _is_english(lang) else "es"
    if snapshot is not None and "appendix" in snapshot.result:
        rows = snapshot.result["appendix"]
    else:
        rows = appendix(current_bank(), assessment_answer_values(assessment=assessment))
    return [
        {
            "section": row[f"section_{suffix}"],
            "key": row["key"],
            "question": row[f"text_{suffix}"],
            "answer": row[f"answer_{suffix}"],
        }
        for row in rows
    ]


def answer_rows_by_section(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """[{"title": section, "questions": [rows]}] in the order the rows come."""
    return [{"title": title, "questions": list(group)} for title, group in groupby(rows, key=lambda r: r["section"])]
