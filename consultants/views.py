from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from consultants.selectors import client_list_with_assessments


@login_required
def dashboard(request):
    clients = client_list_with_assessments(user=request.user)
    return render(request, "consultants/dashboard.html", {"clients": clients})
