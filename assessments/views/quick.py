"""The quick check ("Diagnóstico rápido"): about 12 questions in two short pages, a preliminary level
and the 3 most urgent actions, then the full questionnaire with those answers already saved.

The quick check runs on an ordinary draft assessment: its answers are ordinary Answer rows, saved by
the same service with the same revision check, so the full questionnaire shows them filled in.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import selectors, services
from assessments.catalog import current_bank, current_benchmarks
from assessments.forms import SectionForm, StartForm, error_links
from assessments.question_bank.answers import AnswerError
from assessments.question_bank.quick_check import default_quick_check
from assessments.question_bank.types import Section
from assessments.questionnaire import SECONDS_PER_QUESTION
from assessments.ratelimit import ratelimit
from assessments.reports.charts import round_score
from assessments.scoring.quick import score_quick_check
from assessments.views.landing import start_from_form
from assessments.views.token import already_submitted, remember, resume_url, with_assessment


def quick_minutes() -> int:
    return max(1, -(-len(default_quick_check().questions) * SECONDS_PER_QUESTION // 60))


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("start")
def quick_start(request):
    form = StartForm(request.POST) if request.method == "POST" else StartForm()
    if request.method != "POST" or not form.is_valid():
        return _render_start(request, form, status=400 if form.is_bound else 200)
    token = start_from_form(request, form)
    return remember(redirect("assessments:quick_page", token=token, page=1), token)


def _render_start(request, form, *, status):
    context = {
        "form": form,
        "error_links": error_links(form) if form.is_bound else [],
        "minutes": quick_minutes(),
        "question_count": len(default_quick_check().questions),
    }
    return render(request, "assessments/quick/start.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@with_assessment
def quick_resume(request, assessment, token):
    """The first quick-check page with a question left, or the preliminary result."""
    if assessment.is_submitted:
        return redirect("assessments:results", token=token)
    stored = selectors.assessment_answers(assessment=assessment)
    for number, page in enumerate(default_quick_check().pages, start=1):
        if any(key not in stored for key in page.questions):
            return redirect("assessments:quick_page", token=token, page=number)
    return redirect("assessments:quick_result", token=token)


@require_http_methods(["GET", "HEAD", "POST"])
@with_assessment
def quick_page(request, assessment, token, page):
    pages = default_quick_check().pages
    if not 1 <= page <= len(pages):
        return render(request, "assessments/not_found.html", {"token": token}, status=404)
    if assessment.is_submitted:
        return already_submitted(request, token)
    section = _section(pages[page - 1])
    stored = selectors.assessment_answers(assessment=assessment)
    if request.method != "POST":
        return _render_page(request, token, page, _form(section, stored, initial={"revision": assessment.revision}))
    form = _form(section, stored, data=request.POST)
    if not form.is_valid():
        return _render_page(request, token, page, form, status=400)
    try:
        services.assessment_save_answers(
            assessment=assessment, answers=form.answers(), revision=form.cleaned_data["revision"]
        )
    except AnswerError as error:
        form.add_error(
            error.key if error.key in form.fields else None, _("Esta respuesta no es válida para esta pregunta.")
        )
        return _render_page(request, token, page, form, status=400)
    except services.StaleRevision:
        assessment.refresh_from_db(fields=["revision"])
        stored = selectors.assessment_answers(assessment=assessment)
        form = _form(section, stored, initial={"revision": assessment.revision})
        return _render_page(request, token, page, form, status=409, stale=True)
    except services.AlreadySubmitted:
        return already_submitted(request, token)
    if page < len(pages):
        return redirect("assessments:quick_page", token=token, page=page + 1)
    return redirect("assessments:quick_result", token=token)


def _section(page) -> Section:
    bank = current_bank()
    return Section(
        key=page.key, title=page.title, intro=None, questions=tuple(bank.question(k) for k in page.questions)
    )


def _form(section, stored, **kwargs) -> SectionForm:
    return SectionForm(bank=current_bank(), section=section, stored=stored, lang=get_language(), **kwargs)


def _render_page(request, token, page, form, *, status=200, stale=False):
    pages = default_quick_check().pages
    context = {
        "token": token,
        "form": form,
        "page": page,
        "page_count": len(pages),
        "title": pages[page - 1].title.get(get_language()),
        "error_links": error_links(form) if form.is_bound else [],
        "tampered": form.is_bound and form.tampered,
        "stale": stale,
    }
    return render(request, "assessments/quick/page.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@with_assessment
def quick_result(request, assessment, token):
    if assessment.is_submitted:
        return redirect("assessments:results", token=token)
    quick = default_quick_check()
    stored = selectors.assessment_answers(assessment=assessment)
    if any(key not in stored for key in quick.questions):
        return redirect("assessments:quick_resume", token=token)
    result = score_quick_check(
        bank=current_bank(), questions=quick.questions, answers=stored, benchmarks=current_benchmarks()
    )
    lang = "en" if (get_language() or "es").startswith("en") else "es"
    context = {
        "token": token,
        "assessment": assessment,
        "result": result,
        "points": round_score(result.overall),
        "band": getattr(result.band, lang),
        "cap_reasons": [reason.text.get(lang) for reason in result.band_cap.reasons] if result.band_cap else [],
        "actions": [
            {
                "key": a.key,
                "title": getattr(a, f"title_{lang}"),
                "text": getattr(a, f"text_{lang}"),
                "critical": a.critical,
            }
            for a in result.actions
        ],
        "to_verify": [item.text.get(lang) for item in result.to_verify],
        "remaining": len(current_bank().questions) - len(quick.questions),
        "resume_url": resume_url(request, token),
    }
    return render(request, "assessments/quick/result.html", context)
