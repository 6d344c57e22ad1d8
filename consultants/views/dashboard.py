"""The consultant's dashboard: every client of the firm."""

from django.shortcuts import render

from consultants.selectors import client_list_with_assessments
from firms.decorators import firm_member_required


@firm_member_required
def dashboard(request):
    clients = client_list_with_assessments(firm=request.firm)
    return render(request, "consultants/dashboard.html", {"clients": clients})
