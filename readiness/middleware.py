"""Turn domain errors into HTTP answers (see readiness.errors)."""

from __future__ import annotations

from django.http import Http404

from readiness.errors import NotFound


class DomainErrorMiddleware:
    """A NotFound escaping a view is a 404, with the site's 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception
        return None
