"""The username django-axes counts failed logins against.

django-allauth's form names the field "login" (a username or an e-mail) and passes the backend
`username=` or `email=`; the admin's form posts "username". One value per person typed, whichever page.
"""

from __future__ import annotations


def axes_username(request, credentials) -> str | None:
    posted = getattr(request, "POST", None) or {}
    for value in (posted.get("login"), *((credentials or {}).get(k) for k in ("username", "email", "login"))):
        if value:
            return str(value).strip().lower()
    return posted.get("username") or None
