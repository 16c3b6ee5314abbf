"""Schemathesis over the whole /api/schema/: every operation, called by the role that may do it,
with path ids of real records. Zero server errors, and every response as the schema says.

The records come from ``scenario.build`` once for the module (committed, then flushed at the
end); each generated case runs in the test's transaction, rolled back after each operation.
FUZZ_EXAMPLES sets the cases per operation and caller (default 8: about 1,100 cases in all, as
the role whose job each operation is and as an advisor).
"""

import collections
import json
import os

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from servicedesk.accounts.models import Role
from servicedesk.accounts.services import api_token_create

from . import scenario

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

CALLS: collections.Counter = collections.Counter()
STATUSES: collections.Counter = collections.Counter()

# Who calls each operation: the role whose job it is (the rest are the front desk's manager).
ROLE_FOR = {
    "/api/v1/corrective-actions/{id}/result/": Role.QUALITY,
    "/api/v1/supplier-deductions/{id}/apply/": Role.CASHIER,
    "/api/v1/customer-settlements/": Role.CASHIER,
    "/api/v1/customer-settlements/{id}/settle/": Role.CASHIER,
    ("POST", "/api/v1/work-orders/{id}/start/"): Role.TECHNICIAN,
    ("POST", "/api/v1/work-orders/{id}/ready/"): Role.TECHNICIAN,
}
# Which record each path parameter names, per path.
IDS_FOR = {
    "/api/v1/notifications/{id}/read/": {"id": "notification:manager"},
    "/api/v1/customers/{id}/": {"id": "customer"},
    "/api/v1/suppliers/{id}/": {"id": "supplier"},
    "/api/v1/vehicles/{id}/": {"id": "vehicle"},
    "/api/v1/vehicles/{id}/history/": {"id": "vehicle"},
    "/api/v1/vehicles/{id}/mileage/": {"id": "vehicle"},
    "/api/v1/vehicles/{id}/owner/": {"id": "vehicle"},
    "/api/v1/work-orders/{id}/": {"id": "wo_open"},
    "/api/v1/work-orders/{id}/lines/": {"id": "wo_open"},
    "/api/v1/work-orders/{id}/lines/{line_id}/": {"id": "wo_open", "line_id": "line"},
    "/api/v1/work-orders/{id}/authorize/": {"id": "wo_open"},
    "/api/v1/work-orders/{id}/start/": {"id": "wo_auth"},
    "/api/v1/work-orders/{id}/ready/": {"id": "wo_prog"},
    "/api/v1/work-orders/{id}/deliver/": {"id": "wo_ready"},
    "/api/v1/work-orders/{id}/cancel/": {"id": "wo_open"},
    "/api/v1/work-orders/{id}/comeback-review/": {"id": "wo_open"},
    "/api/v1/invoices/{id}/": {"id": "invoice"},
    "/api/v1/inspections/{id}/": {"id": "inspection"},
    "/api/v1/inspections/{id}/items/": {"id": "inspection"},
    "/api/v1/inspections/{id}/items/{item_id}/decision/": {"id": "inspection", "item_id": "item"},
    "/api/v1/inspections/{id}/items/{item_id}/photos/": {"id": "inspection", "item_id": "item"},
    "/api/v1/interactions/{id}/": {"id": "interaction"},
    "/api/v1/interactions/{id}/advance/": {"id": "interaction"},
    "/api/v1/interactions/{id}/escalate/": {"id": "interaction"},
    "/api/v1/escalations/{id}/respond/": {"id": "escalation"},
    "/api/v1/complaints/{id}/": {"id": "complaint"},
    "/api/v1/complaints/{id}/history/": {"id": "complaint"},
    "/api/v1/complaints/{id}/report.pdf": {"id": "complaint"},
    "/api/v1/complaints/{id}/transition/": {"id": "complaint"},
    "/api/v1/complaints/{id}/remedies/": {"id": "complaint_resolving"},
    "/api/v1/remedies/{id}/approve/": {"id": "remedy"},
    "/api/v1/remedies/{id}/reject/": {"id": "remedy"},
    "/api/v1/complaints/{id}/confirmation/": {"id": "complaint_agreed"},
    "/api/v1/complaints/{id}/corrective-actions/": {"id": "complaint_corrective"},
    "/api/v1/corrective-actions/{id}/result/": {"id": "action"},
    "/api/v1/corrective-actions/{id}/verify/": {"id": "action_done"},
    "/api/v1/complaints/{id}/supplier-deductions/": {"id": "complaint_corrective"},
    "/api/v1/supplier-deductions/{id}/apply/": {"id": "deduction"},
    "/api/v1/customer-settlements/{id}/settle/": {"id": "settlement"},
    "/api/v1/complaints/{id}/follow-ups/": {"id": "complaint_follow"},
    "/api/v1/interactions/{id}/work-order/": {"id": "interaction"},
    "/api/v1/messages/{id}/retry/": {"id": "message"},
    "/api/v1/reports/annual-satisfaction/{year}/": {"year": "year"},
    "/api/v1/reports/annual-satisfaction/{year}/refresh/": {"year": "year"},
    "/api/v1/reports/jobs/{id}/": {"id": "report_job"},
    "/api/v1/auth/tokens/{id}/": {"id": "api_token:manager"},
}


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    # Schemathesis calls the WSGI application itself, not Django's test client, so the end of
    # each request would close the test's connection mid-transaction (PostgreSQL): keep it, as
    # the test client does.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        from servicedesk.accounts.models import Shop

        shop = Shop.objects.create(name="Fuzz", code="fuzz")
        people = scenario.people(shop, "fz")
        ids = scenario.build(shop, people)
        tokens = {role: api_token_create(user=user)[1] for role, user in people.items()}
        try:
            yield ids, tokens
        finally:
            call_command("flush", interactive=False, verbosity=0)
            _write_summary()
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _write_summary() -> None:
    """How many cases were sent, per operation and per answer: artifacts/fuzz-summary.json."""
    from django.conf import settings

    folder = settings.BASE_DIR / "artifacts"
    folder.mkdir(exist_ok=True)
    summary = {
        "cases": sum(CALLS.values()),
        "operations": len(CALLS),
        "per_operation": dict(sorted(CALLS.items())),
        "statuses": dict(sorted(STATUSES.items())),
    }
    (folder / "fuzz-summary.json").write_text(json.dumps(summary, indent=2))


# Loaded at collection: the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["by_role", Role.ADVISOR])
def test_every_operation_answers_as_its_schema_says(case, fuzz_world, caller):
    """``by_role``: each operation called by the role whose job it is (the manager's by
    default); then every operation called by an advisor, who may not make many of them and
    must get answers the schema states for that too (403 before the body, issue 13.7)."""
    ids, tokens = fuzz_world
    path, method = case.operation.path, case.method.upper()
    role = ROLE_FOR.get((method, path)) or ROLE_FOR.get(path) or Role.MANAGER
    if caller != "by_role":
        role = caller
    for name, key in IDS_FOR.get(path, {}).items():
        case.path_parameters = {**(case.path_parameters or {}), name: ids[key]}
    headers = {} if path == "/api/v1/auth/token/" else {"Authorization": f"Token {tokens[role]}"}
    CALLS[f"{method} {path} as {role}"] += 1
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    STATUSES[str(response.status_code)] += 1
