"""Stub: being built."""

from django.http import HttpResponse

from firms.decorators import firm_member_required


def _todo(request, **kwargs):
    return HttpResponse("not built yet", status=501)


client_detail = assessment_detail = firm_member_required(_todo)
