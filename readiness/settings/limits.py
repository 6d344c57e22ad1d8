"""Login throttling (django-axes) and the rate limits of the owner's pages (django-ratelimit).

Both count against the same client address (readiness.client_ip.client_ip): REMOTE_ADDR, or behind
TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry the outermost trusted proxy wrote. Without that
setting the header is ignored (anyone could send it).
"""

from datetime import timedelta

import environ

env = environ.Env()

# How many reverse proxies you run in front of gunicorn, each appending to X-Forwarded-For
# (e.g. 1 for nginx on the same machine, 2 for a load balancer in front of nginx). 0: none, the header
# is never read.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Logins (django-axes) ---------------------------------------------------------------------------
# Two limits, each in AXES_COOLOFF_TIME:
# - AXES_FAILURE_LIMIT failures for one (username, address) pair lock that pair: someone mistyping
#   waits a little; a guesser at one address gets 5 tries.
# - AXES_USERNAME_FAILURE_LIMIT failures for one username from ALL addresses together lock that
#   username, but only for addresses the person never logged in from (firms.axes.AxesHandler).
#   Higher than the pair limit, so the consultant's own typos never reach it; it stops a botnet
#   guessing one password from many addresses (at most this many guesses per cool-off instead of 5 per
#   address), and since the consultant's known addresses are exempt, the attacker can slow the
#   guessing but cannot cheaply lock the consultant out of their office or home.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "consultants/locked_out.html"
AXES_USERNAME_CALLABLE = "firms.axes.axes_username"  # django-allauth's form posts "login"
AXES_CLIENT_IP_CALLABLE = "readiness.client_ip.client_ip"
AXES_HANDLER = "firms.axes.AxesHandler"

# --- Owner pages and starts (django-ratelimit, via assessments.ratelimit) ---------------------------
# The counters live in the default cache: with several web processes it must be shared (Redis).
RATELIMIT_IP_META_KEY = "readiness.client_ip.client_ip"
RATELIMIT_IPV6_MASK = 64  # one IPv6 customer usually holds a whole /64
RATELIMIT_VIEW = "assessments.ratelimit.too_many_requests"
# (requests, seconds) per group; see assessments.ratelimit.DEFAULT_RATE_LIMITS for what each counts.
ASSESSMENTS_RATE_LIMITS: dict[str, tuple[int, int]] = {}
