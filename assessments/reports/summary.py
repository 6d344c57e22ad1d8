"""The generated executive summary: the lead paragraph a report prints in section 1, as plain text."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.models import Organization, ResultSnapshot
from assessments.presenters import result_view
from assessments.reports.language import LANGUAGES, report_language
from assessments.templatetags.names import isolate  # a typed name cannot reorder the sentence


def report_summary_text(*, snapshot: ResultSnapshot, organization: Organization, lang: str) -> str:
    """The generated executive summary as plain text: the lead paragraph the report prints in section 1.

    Same sentences (and translations) as the template's, so a consultant's review starts from exactly
    what the report would say.
    """
    lang = report_language(lang)
    code = LANGUAGES[lang][0]
    view = result_view(snapshot.result, lang=code)
    with override(code):
        score = view.overall_points
        if view.band_cap:
            # The index alone would reach a higher band: say why it does not.
            sentences = [
                _(
                    "%(company)s obtuvo %(score)s de 100 puntos. Su nivel es %(band)s porque falta un control "
                    "esencial; sin ese límite sería %(uncapped)s."
                )
                % {
                    "company": isolate(organization.name),
                    "score": score,
                    "band": view.band,
                    "uncapped": view.band_cap["uncapped"],
                }
            ]
        else:
            sentences = [
                _("%(company)s obtuvo %(score)s de 100 puntos, lo que corresponde al nivel %(band)s.")
                % {"company": isolate(organization.name), "score": score, "band": view.band}
            ]
        typical = view.typical or {}
        if typical.get("practices_total"):
            sentences.append(
                _(
                    "De las %(total)s buenas prácticas que mide %(study)s, su empresa cumple %(have)s; "
                    "la PyME típica de esa encuesta cumple %(usual)s."
                )
                % {
                    "study": view.study["short"] if view.study else _("el estudio"),
                    "total": typical["practices_total"],
                    "have": floatformat(typical.get("practices_company"), "-1"),
                    "usual": floatformat(typical.get("practices_typical"), 1),
                }
            )
            position = typical.get("position")
            if position == "above":
                sentences.append(_("Está por encima de la PyME típica."))
            elif position == "at":
                sentences.append(_("Está al nivel de la PyME típica."))
            else:
                sentences.append(_("Está por debajo de la PyME típica."))
    return " ".join(str(s) for s in sentences)
