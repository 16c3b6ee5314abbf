"""The benchmark: production settings as they are, plus what only the benchmark needs.

Run by ``make bench`` (see docs/benchmark.md). Added here and nowhere else: the ``bench`` app
(``manage.py seed_bench``), the bare JSON view at ``/bench/bare/`` and a middleware that puts the
request's SQL query count in an ``X-Queries`` header. Changed, because the load runs over plain
HTTP on 127.0.0.1 without a TLS proxy in front: no redirect to HTTPS and cookies that are not
marked Secure (a client drops Secure cookies on http://, so nobody would stay logged in).
Everything else — sessions, caches, middleware, database settings — is production's.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# Outermost, so it counts every query of the request, the session's and the auth's too.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SEED_BENCH_ALLOWED = True
