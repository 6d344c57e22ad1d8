"""Stub: being built."""

from django.http import HttpResponse

from firms.decorators import firm_member_required


def _todo(request, **kwargs):
    return HttpResponse("not built yet", status=501)


reassessment_start = firm_member_required(_todo)
