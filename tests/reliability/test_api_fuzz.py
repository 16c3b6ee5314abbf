"""Schemathesis over the whole /api/schema/: every operation, called by the role that may do it,
with path ids of real records. Zero server errors, and every response as the schema says.

The records come from ``scenario.build`` once for the module (committed, then taken back at the
end with the migrations' rows kept, tests/db_state.py); each generated case runs in the test's
transaction, rolled back after each operation.
FUZZ_EXAMPLES sets the fuzzing cases per operation and caller (default 8), on top of the
coverage phase's boundary cases in the role's pass; FUZZ_STEPS the stateful runs. Every check
is on and nothing is excluded: a failure here is a defect of the API or of its schema.
"""

import collections
import json
import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import ignored_auth
from schemathesis.core.parameters import ParameterLocation

from servicedesk.accounts.models import Role
from servicedesk.accounts.services import api_token_create

from ..db_state import committed_then_restored
from . import scenario

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))

# Every check schemathesis has (its default set, response schema conformance included), with
# zero known failures: conformance of each answer, negative data refused and positive data
# accepted, auth enforced, unsupported methods refused ...; the stateful ones (use_after_free,
# ensure_resource_availability) in the stateful test below.
#
# A schema-valid request may still be refused with a 400 where the rule is one JSON Schema
# cannot state: a record that does not exist (or is another shop's), a rule between fields or
# on the record's state, a duplicate, a calendar bound on a date. Those operations say so here,
# in schemathesis's own terms (``expected-statuses`` of ``positive_data_acceptance``); the 400
# is a documented answer of every operation with input (servicedesk.schema).
REFUSED_BY_RULES = {
    ("POST", "/api/v1/auth/token/"): "a username and password that do not match",
    ("POST", "/api/v1/communications/"): "a customer, vehicle, order or interaction not on file",
    ("POST", "/api/v1/complaints/"): "related records not on file",
    ("PATCH", "/api/v1/complaints/{id}/"): "the version is required even in a PATCH; related ids",
    ("POST", "/api/v1/complaints/{id}/confirmation/"): "a signature exactly when signed in person",
    ("POST", "/api/v1/complaints/{id}/corrective-actions/"): "the owner heads a department; "
    "the due date falls in 2000-2099",
    ("POST", "/api/v1/complaints/{id}/follow-ups/"): "an opinion exactly when reached",
    ("POST", "/api/v1/complaints/{id}/supplier-deductions/"): "a supplier and line on file; "
    "an amount above zero",
    ("POST", "/api/v1/customers/"): "a phone or an email; a valid phone; no duplicate email",
    ("PATCH", "/api/v1/customers/{id}/"): "a phone or an email; a valid phone; no duplicate email",
    ("POST", "/api/v1/interactions/"): "a customer and vehicle on file",
    ("PATCH", "/api/v1/interactions/{id}/"): "only the fields of the stage it is at",
    ("POST", "/api/v1/interactions/{id}/advance/"): "the fields of the stage entered; "
    "an outcome when closing early",
    ("POST", "/api/v1/interactions/{id}/escalate/"): "a reason that is not only spaces",
    ("POST", "/api/v1/interactions/{id}/work-order/"): "a promised time in 2000-2099",
    ("POST", "/api/v1/inspections/{id}/items/"): "a recommended job with a price",
    ("POST", "/api/v1/inspections/{id}/items/{item_id}/photos/"): "a file that is a JPEG, PNG "
    "or WebP image by its content",
    ("POST", "/api/v1/suppliers/"): "no second supplier of the same name",
    ("POST", "/api/v1/vehicles/"): "a VIN of 17 characters with its check digit; no duplicate",
    ("PATCH", "/api/v1/vehicles/{id}/"): "a VIN of 17 characters with its check digit",
    ("POST", "/api/v1/vehicles/{id}/mileage/"): "a reading lower than the last needs a reason",
    ("POST", "/api/v1/work-orders/"): "a vehicle on file; a promised time in 2000-2099",
    ("PATCH", "/api/v1/work-orders/{id}/"): "the version is required even in a PATCH",
    ("POST", "/api/v1/work-orders/{id}/authorize/"): "a signature exactly when signed in person",
    ("POST", "/api/v1/work-orders/{id}/deliver/"): "a reading lower than the last needs a reason",
    ("POST", "/api/v1/work-orders/{id}/lines/"): "a discount within the line's price; a "
    "quantity above zero; a technician and supplier on file",
    ("PATCH", "/api/v1/work-orders/{id}/lines/{line_id}/"): "as for a new line; a quantity "
    "above zero",
    ("GET", "/api/v1/reports/annual-satisfaction/{year}/"): "a year not after the current one",
    ("POST", "/api/v1/reports/annual-satisfaction/{year}/refresh/"): "a year not after the "
    "current one",
    ("GET", "/api/v1/reports/quality/"): "dates in 2000-2099, the start not after the end and "
    "at most three years before it",
    ("GET", "/api/v1/reports/quality/complaints/"): "the figures' period; a key of the chart "
    "(a number for a person or a supplier)",
}
POSITIVE = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # schemathesis's default
# Refusals of invalid data: schemathesis's default, and 413 for a body over the size limit
# (documented on every operation with a body).
NEGATIVE = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]


def _config(*, coverage: bool) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            # NUL is refused in every text (DRF), which the schema does not state.
            "generation": {"allow-x00": False},
            "phases": {"coverage": {"enabled": coverage}},
            "checks": {"negative_data_rejection": {"expected-statuses": NEGATIVE}},
            "operations": [
                {
                    "include-method": method,
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*POSITIVE, "400"]}
                    },
                }
                for method, path in REFUSED_BY_RULES
            ],
        }
    )


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

        try:
            with committed_then_restored():
                shop = Shop.objects.create(name="Fuzz", code="fuzz")
                people = scenario.people(shop, "fz")
                ids = scenario.build(shop, people)
                tokens = {role: api_token_create(user=user)[1] for role, user in people.items()}
                yield ids, tokens
        finally:
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


# Loaded at collection: the schema view needs no database. The role's pass runs every phase
# (examples, coverage, fuzzing); the advisor's pass leaves out the coverage phase, whose
# hundreds of boundary cases per operation the role's pass has sent already (the advisor's
# refusals are answered before the body is read, issue 13.7).
_app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/", _app, config=_config(coverage=True))
advisor_schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", _app, config=_config(coverage=False)
)
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Half as many for the advisor, most of whose calls are refused before the body is read.
ADVISOR_HYPOTHESIS = settings(HYPOTHESIS, max_examples=max(1, EXAMPLES // 2))
# ignored_auth re-sends a successful request without the token and with a wrong one: once per
# operation and caller proves the operation enforces auth (schemathesis's own runner does the
# same); after every success it would triple the requests.
AUTH_CONFIRMED: set = set()


def _negative_path(case) -> bool:
    meta = case.meta
    if meta is None:
        return False
    if meta.is_negative_at(ParameterLocation.PATH):
        return True
    data = meta.phase.data
    return (
        meta.generation.mode.is_negative
        and getattr(data, "parameter_location", None) == ParameterLocation.PATH
    )


def _call(case, fuzz_world, caller):
    ids, tokens = fuzz_world
    path, method = case.operation.path, case.method.upper()
    role = ROLE_FOR.get((method, path)) or ROLE_FOR.get(path) or Role.MANAGER
    if caller != "by_role":
        role = caller
    # A path made invalid on purpose (a negative case) is sent as it is: pinning it to a real
    # record would send valid data the check expects refused.
    if not _negative_path(case):
        for name, key in IDS_FOR.get(path, {}).items():
            case.path_parameters = {**(case.path_parameters or {}), name: ids[key]}
    headers = {} if path == "/api/v1/auth/token/" else {"Authorization": f"Token {tokens[role]}"}
    CALLS[f"{method} {path} as {role}"] += 1
    confirmed = (method, path, role) in AUTH_CONFIRMED
    response = case.call(headers=headers)
    case.validate_response(
        response,
        headers=headers,
        excluded_checks=[ignored_auth] if confirmed else [],
        transport_kwargs={"headers": headers},
    )
    if 200 <= response.status_code < 300:
        AUTH_CONFIRMED.add((method, path, role))
    STATUSES[str(response.status_code)] += 1


@schema.parametrize()
@HYPOTHESIS
@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(case, fuzz_world):
    """Each operation called by the role whose job it is (the manager's by default)."""
    _call(case, fuzz_world, "by_role")


@advisor_schema.parametrize()
@ADVISOR_HYPOTHESIS
@pytest.mark.django_db
def test_every_operation_answers_an_advisor_as_its_schema_says(case, fuzz_world):
    """Every operation called by an advisor, who may not make many of them and must get
    answers the schema states for that too (403 before the body, issue 13.7)."""
    _call(case, fuzz_world, Role.ADVISOR)


STEPS = int(os.environ.get("FUZZ_STEPS", "6"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADVISOR])
def test_the_api_flows_answer_as_the_schema_says(fuzz_world, role):
    """The stateful phase: sequences of calls along the links schemathesis infers from the
    schema (a customer's complaint, its remedies and transitions; an interaction and its
    advance; a vehicle and its mileage; an order's lines ...), every answer under every check,
    the stateful ones included (a deleted line is gone, a created record can be read)."""
    _ids, tokens = fuzz_world
    headers = {"Authorization": f"Token {tokens[role]}"}

    class Flows(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            case.validate_response(
                response,
                headers=headers,
                transport_kwargs={"headers": headers},
                recorder=getattr(self, "recorder", None),
            )

    run_state_machine_as_test(
        Flows,
        settings=settings(
            max_examples=STEPS,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
