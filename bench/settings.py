"""Production settings for the load benchmark (bench/load.py), and nothing else changed but where files go.

readiness.settings.base fixes STATIC_ROOT inside the checkout; the benchmark collects static files into
its own temporary directory instead, so it never touches a checkout's `staticfiles/`.
"""

import os

from readiness.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
