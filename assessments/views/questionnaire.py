"""The questionnaire: resume at the right step, one page per step saved on submit, the resume link."""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import followup_selectors, questionnaire, selectors, services
from assessments.catalog import current_bank
from assessments.forms import SectionForm, error_links
from assessments.question_bank.answers import AnswerError
from assessments.views.token import already_submitted, link_context, with_assessment


@require_http_methods(["GET", "HEAD"])
@with_assessment
def resume(request, assessment, token):
    """Continue where the owner stopped: the first step with an unanswered question that applies
    (in a re-assessment, first the steps not confirmed yet)."""
    if assessment.is_submitted:
        return redirect("assessments:results", token=token)
    bank = current_bank()
    answers = selectors.assessment_answers(assessment=assessment)
    if not assessment.revision and assessment.organization.firm_id and request.GET.get("empezar") is None:
        # First visit through a firm's invitation: say who invited and what to expect before step 1.
        context = {
            "token": token,
            "assessment": assessment,
            "firm": assessment.organization.firm,
            "minutes": questionnaire.estimate_minutes(bank),
            "step_count": len(bank.sections),
        }
        return render(request, "assessments/welcome.html", context)
    section = None
    if assessment.previous_id:  # a re-assessment: walk the owner through every step to confirm it
        confirmed = followup_selectors.assessment_confirmed_steps(assessment=assessment)
        section = questionnaire.first_unconfirmed_step(bank, answers, confirmed)
    section = section or questionnaire.first_incomplete_step(bank, answers)
    if section is None:
        return redirect("assessments:review", token=token)
    return redirect("assessments:step", token=token, section_key=section.key)


@require_http_methods(["GET", "HEAD"])
@with_assessment
def link(request, assessment, token):
    """The secret resume link, shown right after starting (and on request)."""
    context = {"token": token, "assessment": assessment, **link_context(request, assessment, token)}
    return render(request, "assessments/link.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@with_assessment
def step(request, assessment, token, section_key):
    bank = current_bank()
    section = questionnaire.section_get(bank, section_key)
    if section is None:
        return render(request, "assessments/not_found.html", {"token": token}, status=404)
    if assessment.is_submitted:
        return already_submitted(request, token)
    stored = selectors.assessment_answers(assessment=assessment)
    if request.method == "POST":
        return _save_step(request, assessment, token, section, stored)
    if section not in questionnaire.steps(bank, stored):
        return redirect("assessments:resume", token=token)
    form = _form(section, stored, initial={"revision": assessment.revision})
    return _render_step(request, assessment, token, section, stored, form)


def _form(section, stored, **kwargs) -> SectionForm:
    return SectionForm(bank=current_bank(), section=section, stored=stored, lang=get_language(), **kwargs)


def _save_step(request, assessment, token, section, stored):
    going_back = request.POST.get("nav") == "back"
    form = _form(section, stored, data=request.POST, partial=going_back)
    if not form.is_valid():
        return _render_step(request, assessment, token, section, stored, form, status=400)
    try:
        services.assessment_save_answers(
            assessment=assessment, answers=form.answers(), revision=form.cleaned_data["revision"]
        )
    except AnswerError as error:  # the form applies the same rules; the bank has the last word
        form.add_error(
            error.key if error.key in form.fields else None, _("Esta respuesta no es válida para esta pregunta.")
        )
        return _render_step(request, assessment, token, section, stored, form, status=400)
    except services.StaleRevision:
        return _render_stale(request, assessment, token, section)
    except services.AlreadySubmitted:
        return already_submitted(request, token)
    if assessment.previous_id:  # a re-assessment: this step is now confirmed (or changed) by the owner
        services.assessment_step_confirm(assessment=assessment, step=section.key)
    return _after_save(request, assessment, token, section, form, going_back)


def _after_save(request, assessment, token, section, form, going_back):
    bank = current_bank()
    answers = selectors.assessment_answers(assessment=assessment)
    previous, following = questionnaire.neighbours(bank, answers, section.key)
    if going_back:
        return redirect("assessments:step", token=token, section_key=(previous or section).key)
    if form.revealed:
        messages.info(request, _("Según sus respuestas, hay más preguntas en este paso. Respóndalas para continuar."))
        url = reverse("assessments:step", kwargs={"token": token, "section_key": section.key})
        return redirect(f"{url}#q-{form.revealed[0].key}")
    messages.success(
        request,
        _("Sus respuestas del paso «%(step)s» quedaron guardadas.") % {"step": section.title.get(get_language())},
    )
    if following is None:
        return redirect("assessments:review", token=token)
    return redirect("assessments:step", token=token, section_key=following.key)


def _render_stale(request, assessment, token, section):
    """Another tab saved first: show what is stored now, overwrite nothing (409)."""
    assessment.refresh_from_db(fields=["revision"])
    stored = selectors.assessment_answers(assessment=assessment)
    form = _form(section, stored, initial={"revision": assessment.revision})
    return _render_step(request, assessment, token, section, stored, form, status=409, stale=True)


def _render_step(request, assessment, token, section, stored, form, *, status=200, stale=False):
    bank = current_bank()
    lang = get_language()
    number, count = questionnaire.step_position(bank, stored, section.key)
    previous, _following = questionnaire.neighbours(bank, stored, section.key)
    context = {
        "token": token,
        "form": form,
        "section_key": section.key,
        "title": section.title.get(lang),
        "intro": section.intro.get(lang) if section.intro else "",
        "step_number": number,
        "step_count": count,
        "progress": questionnaire.progress(bank, stored),
        "minutes_left": questionnaire.minutes_left(bank, stored),
        "step_nav": _step_nav(bank, stored, section.key, lang),
        "has_previous": previous is not None,
        "error_links": error_links(form) if form.is_bound else [],
        "tampered": form.is_bound and form.tampered,
        "stale": stale,
        # A re-assessment: the answers shown come from this earlier assessment, to confirm or change.
        "previous_submitted_at": assessment.previous.submitted_at if assessment.previous_id else None,
    }
    return render(request, "assessments/step.html", context, status=status)


@require_http_methods(["POST"])
@with_assessment
def step_autosave(request, assessment, token, section_key):
    """Save as you go: the page's script posts the step's form with `autosave` naming the question(s)
    that just changed; only those are saved, with the same revision check as the step (JSON replies).

    200 {"revision", "saved"}; 400 an invalid value or a garbled form (nothing saved); 409 another tab
    saved first, or the assessment was submitted (nothing saved).
    """
    section = questionnaire.section_get(current_bank(), section_key)
    if section is None:
        return JsonResponse({"error": "not_found", "message": _("Este paso no existe.")}, status=404)
    if assessment.is_submitted:
        return _autosave_refused(_("Esta evaluación ya se envió: ya no se puede cambiar."))
    stored = selectors.assessment_answers(assessment=assessment)
    form = _form(section, stored, data=request.POST, partial=True)
    keys = [key for key in request.POST.getlist("autosave") if key in {q.key for q in form.active}]
    form.is_valid()
    if form.tampered or any(key in form.errors for key in keys):
        return _autosave_invalid(form, keys)
    changed = {key: _saved_value(form.cleaned_data.get(key)) for key in keys}
    if not changed:
        return JsonResponse({"revision": assessment.revision, "saved": []})
    try:
        services.assessment_save_answers(assessment=assessment, answers=changed, revision=form.cleaned_data["revision"])
    except AnswerError:
        return _autosave_invalid(form, keys)
    except services.StaleRevision:
        return _autosave_refused(
            _("Sus respuestas cambiaron en otra pestaña: recargue la página para ver lo guardado.")
        )
    except services.AlreadySubmitted:
        return _autosave_refused(_("Esta evaluación ya se envió: ya no se puede cambiar."))
    return JsonResponse({"revision": assessment.revision, "saved": sorted(changed)})


def _saved_value(value):
    return None if value in ("", []) else value  # a cleared answer is removed, as on the step's save


def _autosave_invalid(form, keys):
    errors = {key: [str(e) for e in form.errors[key]] for key in keys if key in form.errors}
    message = _("Esta respuesta no se pudo guardar: revísela.")
    return JsonResponse({"error": "invalid", "message": message, "errors": errors}, status=400)


def _autosave_refused(message):
    return JsonResponse({"error": "stale", "message": message}, status=409)


def _step_nav(bank, stored, current, lang):
    """The "Todos los pasos" list: every step reached so far (a link), the current one marked."""
    reached, review_reached = questionnaire.reached_steps(bank, stored, current)
    return {
        "steps": [{"key": s.key, "title": s.title.get(lang), "current": s.key == current} for s in reached],
        "review": review_reached,
    }
