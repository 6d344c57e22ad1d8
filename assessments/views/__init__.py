"""The owner's pages: landing and start, the step-by-step questionnaire, review, results.

Views only translate HTTP to service/selector calls and back; the step logic is in
assessments.questionnaire and assessments.forms.
"""

from assessments.views.handover import handover
from assessments.views.landing import landing, start
from assessments.views.methodology import methodology
from assessments.views.questionnaire import link, resume, step
from assessments.views.results import results, review

__all__ = ["handover", "landing", "link", "methodology", "results", "resume", "review", "start", "step"]
