"""Login throttling (django-axes) and the rate limits of the owner's pages."""

from datetime import timedelta

import environ

env = environ.Env()

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "consultants/locked_out.html"
AXES_USERNAME_CALLABLE = "firms.axes.axes_username"  # django-allauth's form posts "login"

# The rate limits count in the default cache: with several web processes it must be shared (Redis).
# Behind a trusted proxy, the request header that carries the client address (e.g.
# HTTP_X_FORWARDED_FOR); empty means REMOTE_ADDR.
RATELIMIT_IP_HEADER = env.str("RATELIMIT_IP_HEADER", default="")
