"""The stack's own limit: a JSON view that touches neither the database nor a template.

It still passes through every middleware of the production stack (sessions, CSRF, auth,
locale…), so its throughput is what the server, the load generator and Django cost together:
every other scenario is read as a fraction of it.
"""

from django.http import JsonResponse


def bare(request):
    return JsonResponse({"ok": True})
