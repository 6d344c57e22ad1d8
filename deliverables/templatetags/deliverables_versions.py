"""{% report_versions assessment %}: the approved versions of an assessment, for the consultant's pages.

The assessment passed in was already looked up through the firm (consultants' views): the versions are
read through it, never by id.
"""

from __future__ import annotations

from django import template

from deliverables.selectors.versions import version_list_for_assessment

register = template.Library()


@register.inclusion_tag("deliverables/versions/_list.html")
def report_versions(assessment):
    return {
        "assessment": assessment,
        "versions": list(version_list_for_assessment(assessment=assessment)) if assessment.is_submitted else [],
        "submitted": assessment.is_submitted,
    }
