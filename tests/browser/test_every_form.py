"""Every form a person fills in, in Chromium, in English and in Chinese (issue 12, "tests that
catch the kind"): submitted empty, then with one value out of range, each time a visible error
names the problem, every typed value is still in its field, and nothing was created or changed;
then corrected, the save goes through.

The forms are not listed by hand: ``form_pages.discover`` reads them off every page of the URL
conf, and ``test_every_form_is_in_the_registry`` fails for one that is in neither ``CASES`` nor
``NOT_FILLED_IN`` (forms with nothing to refuse: one-click buttons, searches). A new form is
covered by adding its one line here; the test itself is not rewritten.

The browser's own checks (``required``, ``min``, ``maxlength``) are switched off before each
submit: they help a person, but the server is the rule, and it is the server's answer that must
show on the page.
"""

import os
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from playwright.sync_api import expect

from interactions.services import REASON_REQUIRED
from servicedesk.dates import NOT_PLAUSIBLE, PROMISE_PASSED
from servicedesk.limits import NARRATIVE, NOTE
from servicedesk.signatures import SIGNATURE_REQUIRED
from tests.reliability.test_permission_matrix import _fill

from . import form_pages
from .conftest import PHONE, TABLET, screenshot
from .test_complaint import sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "zh-hans")
REQUIRED = _("This field is required.")
AT_LEAST_0 = (
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    {"limit_value": 0},
)
AT_MOST = ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
YEARS = (NOT_PLAUSIBLE, {"first": 2000, "last": 2099})
TOMORROW = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d")
TOMORROW_AT = TOMORROW + "T10:30"


@dataclass(frozen=True)
class Case:
    """One form: where it is, who fills it in, what a good and an out-of-range value are."""

    page: str  # a path with @names of tests/reliability/scenario.py
    role: str
    good: dict  # field name → a value that saves (typed in the out-of-range submit too)
    bad: dict  # field name → a value out of range
    bad_says: object  # the message (msgid, or (msgid, params)) the out-of-range value shows
    # What the empty submit shows; None where every field may be left empty (the empty submit
    # would be a save), so there is no empty refusal to see.
    empty_says: object = REQUIRED
    choose: dict = field(default_factory=dict)  # <select> name → option value for the save
    # The page speaks another language than the screen's (the customer's screen): its record.
    speaks_for: str = ""
    sign: bool = False  # draw on the form's signature pad for the save
    pick: dict = field(default_factory=dict)  # picker field name → what to type to find it
    # A form whose choice is the button pressed (approve / reject): (name, value) of the button
    # the out-of-range and the corrected submits press. The empty submit presses none: nothing
    # chosen is its refusal.
    press: tuple = ()


# form key (see form_pages) → its case. Pages are chosen so that no case's save breaks another's.
CASES: dict[str, Case] = {
    "vehicles:customer-create": Case(
        "/customers/new/",
        "advisor",
        good={"name": "Ms Lin", "phone": "13911112222"},
        bad={"email": "not-an-email"},
        bad_says=_("Enter a valid email address."),
    ),
    "vehicles:customer-edit": Case(
        "/customers/@customer/edit/",
        "advisor",
        good={"name": "Mr Zhou Jun", "notes": "Prefers mornings"},
        bad={"email": "zhou@"},
        bad_says=_("Enter a valid email address."),
    ),
    "vehicles:vehicle-create": Case(
        "/customers/@customer/vehicles/new/",
        "advisor",
        good={"vin": "LSVAB2BT700424242", "make": "BYD", "model": "Han", "plate": "京B12345"},
        bad={"year": "1800"},
        bad_says=(
            _("Ensure this value is greater than or equal to %(limit_value)s."),
            {"limit_value": 1900},
        ),
    ),
    "vehicles:vehicle-edit": Case(
        "/vehicles/@vehicle/edit/",
        "advisor",
        good={"make": "Volkswagen", "model": "Lavida Plus", "year": "2021"},
        bad={"year": "3000"},
        bad_says=(
            _("Ensure this value is less than or equal to %(limit_value)s."),
            {"limit_value": 2100},
        ),
        empty_says=REQUIRED,
    ),
    "vehicles:vehicle-detail#mileage": Case(
        "/vehicles/@vehicle/",
        "advisor",
        good={"m-km": "99999"},
        bad={"m-km": "-1"},
        bad_says=AT_LEAST_0,
    ),
    "vehicles:vehicle-detail#open": Case(
        "/vehicles/@vehicle/",
        "advisor",
        good={"w-concern": "Rattle over bumps", "w-promised_at": TOMORROW_AT},
        bad={"w-promised_at": "0001-01-01T00:00"},
        bad_says=YEARS,
    ),
    "vehicles:work-order-detail#edit": Case(
        "/work-orders/@wo_open/",
        "advisor",
        good={"e-concern": "Squeal when braking", "e-promised_at": TOMORROW_AT},
        bad={"e-promised_at": "2020-01-01T08:00"},
        bad_says=PROMISE_PASSED,
    ),
    "vehicles:work-order-detail#line": Case(
        "/work-orders/@wo_open/",
        "advisor",
        good={"l-description": "Front pads", "l-quantity": "1", "l-unit_price": "300"},
        bad={"l-warranty_months": "-3"},
        bad_says=AT_LEAST_0,
    ),
    "vehicles:work-order-detail#authorize": Case(
        "/work-orders/@wo_open/",
        "advisor",
        good={"a-authorized_by_name": "Mr Zhou"},
        bad={},
        choose={"a-method": "phone"},
        bad_says=SIGNATURE_REQUIRED,  # in person (the first choice) with nothing drawn
    ),
    "vehicles:work-order-detail#cancel": Case(
        "/work-orders/@wo_prog/",
        "advisor",
        good={"c-reason": "The customer took the car elsewhere"},
        bad={"c-reason": "x" * 201},
        bad_says=(
            AT_MOST,
            {"limit_value": 200, "show_value": 201},
        ),
    ),
    "vehicles:work-order-detail#deliver": Case(
        "/work-orders/@wo_ready/",
        "advisor",
        good={"d-mileage_out": "99999"},
        bad={"d-mileage_out": "-10"},
        bad_says=AT_LEAST_0,
    ),
    "vehicles:inspection-detail#item": Case(
        "/inspections/@inspection/",
        "technician",
        good={"i-name": "Wipers", "i-recommended_job": "Replace", "i-price": "80"},
        bad={"i-recommended_job": "", "i-price": "80"},
        bad_says=_("Describe the recommended job for this price."),
    ),
    "complaints:new": Case(
        "/complaints/new/",
        "advisor",
        good={"customer_name": "Mr Wu", "customer_words": "The car pulls to the left"},
        bad={"customer_name": "W" * 121},
        bad_says=(
            AT_MOST,
            {"limit_value": 120, "show_value": 121},
        ),
    ),
    "complaints:confirm": Case(
        "/complaints/@complaint_agreed/confirm/",
        "advisor",
        good={"signed_name": "Zhou Min"},
        bad={},
        bad_says=SIGNATURE_REQUIRED,
        speaks_for="complaint_agreed",
        sign=True,
    ),
    "complaints:remedy-propose": Case(
        "/complaints/@complaint_resolving/",
        "advisor",
        good={"amount": "50", "description": "Free wash"},
        bad={"amount": "-5"},
        bad_says=AT_LEAST_0,
    ),
    "complaints:action-plan": Case(
        "/complaints/@complaint_corrective/",
        "manager",
        good={
            "root_cause": "Pads from one batch",
            "corrective_action": "Replace the batch",
            "preventive_action": "Check incoming parts",
            "department": "Workshop",
            "due_date": TOMORROW,
        },
        bad={"due_date": "0001-01-01"},
        bad_says=YEARS,
        pick={"owner": "quality"},
    ),
    "complaints:deduction-raise": Case(
        "/complaints/@complaint_corrective/",
        "advisor",
        good={"part": "Front pads", "amount": "120", "improvement_request": "Check the batch"},
        bad={"amount": "-120"},
        bad_says=AT_LEAST_0,
    ),
    "complaints:edit": Case(
        "/complaints/@complaint/",
        "advisor",
        good={
            "customer_words": "The car pulls to the left at 80 km/h",
            "immediate_response": "Apologised; test drive booked",
        },
        bad={"immediate_response": "x" * (NOTE + 1)},
        bad_says=(AT_MOST, {"limit_value": NOTE, "show_value": NOTE + 1}),
    ),
    "complaints:transition": Case(
        "/complaints/@complaint_signed/",
        "advisor",
        good={"note": "Signed; the customer is satisfied"},
        bad={"note": "x" * (NOTE + 1)},
        bad_says=(AT_MOST, {"limit_value": NOTE, "show_value": NOTE + 1}),
        empty_says=_("Choose the next step."),
        press=("to", "customer_confirmed"),  # it holds the customer's signature
    ),
    "complaints:remedy-decide": Case(
        "/complaints/approvals/",
        "manager",
        good={"note": "Within the policy"},
        bad={"note": "x" * (NOTE + 1)},
        bad_says=(AT_MOST, {"limit_value": NOTE, "show_value": NOTE + 1}),
        empty_says=_("Approve or reject the remedy."),
        press=("decision", "approve"),
    ),
    "complaints:action-result": Case(
        "/complaints/@complaint_corrective/",
        "quality",
        good={"result": "Pads of the batch replaced on all four cars"},
        bad={"result": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
    ),
    "complaints:action-verify": Case(
        "/complaints/actions/",
        "manager",
        good={"note": "No squeal on ten cars checked"},
        bad={"note": "x" * (NOTE + 1)},
        bad_says=(AT_MOST, {"limit_value": NOTE, "show_value": NOTE + 1}),
        empty_says=_("Say whether the action was effective."),
        press=("effective", "yes"),
    ),
    # The reference is optional (the API applies and settles without one): an empty submit is
    # a save, so only the too-long reference is refused.
    "complaints:deduction-apply": Case(
        "/complaints/deductions/",
        "cashier",
        good={"reference": "CN-2041"},
        bad={"reference": "R" * 81},
        bad_says=(AT_MOST, {"limit_value": 80, "show_value": 81}),
        empty_says=None,
    ),
    "complaints:settlement-settle": Case(
        "/complaints/settlements/",
        "cashier",
        good={"reference": "POS-17"},
        bad={"reference": "P" * 81},
        bad_says=(AT_MOST, {"limit_value": 80, "show_value": 81}),
        empty_says=None,
    ),
    "interactions:escalate": Case(
        "/interactions/@interaction/",
        "advisor",
        good={"reason": "Wants a loaner for the whole week"},
        bad={"reason": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
        empty_says=REASON_REQUIRED,
    ),
    "complaints:follow-up": Case(
        "/complaints/@complaint_follow/",
        "advisor",
        good={"comment": "No answer"},
        bad={"next_try": "2100-01-01"},
        bad_says=YEARS,
        choose={"reached": "no"},
    ),
}

# Forms found on the pages that have no case yet: each is a gap of this test, said here, and
# the registry test fails once one of them is gone from the pages (so the list only shrinks).
NOT_YET_COVERED = {
    "interactions:communication-new": "case to write",
    "interactions:escalation": "case to write",
    "interactions:learned": "case to write",
    "surveys:answer": "case to write (the customer's phone page, no login)",
    "vehicles:inspection-detail#decision": "case to write",
    "vehicles:inspection-detail#photo": "case to write (a file upload)",
    "vehicles:vehicle-detail#owner": "case to write (a picker only)",
    "interactions:new": "case to write (the walk-in's first save; its new-customer part is in "
    "tests/browser/test_walk_in_new_customer.py)",
    "complaints:export": "a download: its dates are in test_dates_round_trip.py",
}

# Forms whose refusals are driven by a test of their own (htmx answers swapped in place).
COVERED_ELSEWHERE = {
    "interactions:stage": "test_the_interaction_stage_form_shows_its_errors below, and "
    "tests/browser/test_interaction_errors.py",
    "interactions:close": "tests/browser/test_interaction_errors.py (keep without a score)",
    "interactions:identify": "tests/browser/test_interaction_in_place.py (a stale copy refused "
    "in place, the choice and the stage form's typing kept)",
}

# Forms with nothing a person types that could be refused: a button, a switch, a search.
NOT_FILLED_IN = {
    "interactions:start": "a button: starts a walk-in",
    "logout": "a button",
    "account-token-revoke": "a button",
    "set_language": "the language switcher",
    "on-duty": "a switch",
    "notifications:read": "a button",
    "notifications:read-all": "a button",
    "outbox:retry": "a button",
    "reports:annual-refresh": "a button",
    "vehicles:inspection-create": "a button",
    "vehicles:work-order-line-remove": "a button",
    "vehicles:work-order-step": "a button (start, ready)",
    "complaints:list": "a search: nothing is saved",
    "interactions:list": "a search: nothing is saved",
    "vehicles:customer-list": "a search: nothing is saved",
    "reports:annual-pick": "a choice of year: nothing is saved",
}


def test_every_form_and_date_field_is_in_the_registry(shop):
    """Read off the pages: each form has a case (or nothing to refuse), each date field a
    round trip (tests/browser/test_dates_round_trip.py)."""
    from .test_dates_round_trip import ROUND_TRIPS

    who, ids = form_pages.world(shop)
    found = form_pages.discover(who, ids)
    missing = sorted(
        set(found) - set(CASES) - set(NOT_FILLED_IN) - set(NOT_YET_COVERED) - set(COVERED_ELSEWHERE)
    )
    assert not missing, "forms without a case in tests/browser/test_every_form.py: " + ", ".join(
        f"{k} (on {found[k].page} as {found[k].role})" for k in missing
    )
    gone = sorted(set(NOT_YET_COVERED) - set(found))
    assert not gone, f"no longer on any page, drop from NOT_YET_COVERED: {gone}"
    dates = {(k, name) for k, f in found.items() for name in f.dates}
    assert dates, "no date field found: the discovery is broken"
    untested = sorted(dates - set(ROUND_TRIPS))
    assert not untested, f"date fields without a round trip: {untested}"


# --- the browser part ---------------------------------------------------------------------------


def _message(says, language: str) -> str:
    msgid, params = says if isinstance(says, tuple) else (says, None)
    with translation.override(language):
        return str(msgid % params) if params else str(msgid)


def _snapshot() -> dict:
    """Rows of every model, and the sum of versions where records keep one: a created, changed
    or removed record moves it (the field-history rows count every edit)."""
    skip = {"sessions", "axes", "admin", "contenttypes", "auth"}
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in skip or model.__name__ == "SecurityEvent":
            continue
        qs = model._default_manager.all()
        state[model._meta.label] = qs.count()
        if any(f.name == "version" for f in model._meta.concrete_fields):
            state[model._meta.label + ".version"] = sum(qs.values_list("version", flat=True))
    return state


def _form(page, key: str):
    """The form ``key`` names on the page: by its hidden ``form`` field, or by the view its
    action resolves to (as ``form_pages`` named it)."""
    view, _sep, which = key.partition("#")
    if which:
        return page.locator(f'form:has(input[type="hidden"][name="form"][value="{which}"])').first
    here = urlsplit(page.url).path
    actions = page.locator("form").evaluate_all("fs => fs.map(f => f.getAttribute('action'))")
    for n, action in enumerate(actions):
        if form_pages.form_key(here, action or "", "") == view:
            return page.locator("form").nth(n)
    raise AssertionError(f"no form posting to {view} on {here}")


def _unfold(form) -> None:
    """Open the collapsed card (``<details>``) a form sits in, as a person taps it open, and
    switch the browser's own checks off (before typing: ``maxlength`` cuts what is typed)."""
    form.evaluate("f => { const d = f.closest('details'); if (d) d.open = true; }")
    _without_browser_checks(form)


def _without_browser_checks(form) -> None:
    form.evaluate(
        """f => { f.noValidate = true;
                  f.querySelectorAll('[maxlength]').forEach(e => e.removeAttribute('maxlength'));
                  f.querySelectorAll('[min],[max]').forEach(e => {
                      e.removeAttribute('min'); e.removeAttribute('max'); }); }"""
    )


def _submit(page, form, press: tuple = ()) -> None:
    """Submit ``form``, by its button ``press`` (name, value) where the choice is the button."""
    _without_browser_checks(form)
    if form.get_attribute("hx-post"):
        # Sent in place (htmx, e.g. the interaction's escalation): its answer is swapped into
        # the page, which does not load again.
        with page.expect_response(lambda r: r.request.method == "POST"):
            form.evaluate("f => f.requestSubmit()")
        expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
        return
    with page.expect_navigation():
        form.evaluate(
            """(f, press) => {
                const button = press.length
                    ? f.querySelector(`button[name="${press[0]}"][value="${press[1]}"]`) : null;
                if (press.length && !button) throw new Error(`no button ${press} on the form`);
                f.requestSubmit(button); }""",
            list(press),
        )


def _errors(page) -> str:
    shown = page.locator(
        ":is(.invalid-feedback, .alert-danger, .errorlist, .errornote, div.text-danger):visible"
    )
    return " ".join(shown.all_inner_texts())


def _typeable(form):
    return form.locator(
        "textarea:visible:enabled, input:visible:enabled:not([type=hidden]):not([type=checkbox])"
        ":not([type=radio]):not([type=file]):not([type=submit]):not([role=combobox])"
    )


def _open(open_as, who, role: str, language: str, path: str):
    page = open_as(who[role])
    if language != "en":
        # For the whole site: a cookie set for the landing page's URL would have its path.
        site = "/".join(page.url.split("/")[:3]) + "/"
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    return page


def _customers_language(complaint_pk: int) -> str:
    from complaints.models import Complaint

    c = Complaint.objects.select_related("customer", "shop").get(pk=complaint_pk)
    return (c.customer.preferred_language if c.customer_id else "") or c.shop.language


def pick_first(page, form, name: str, query: str) -> None:
    """Choose in the form's search picker ``name``: type ``query``, tap the first match."""
    picker = form.locator("[data-picker]").filter(has=page.locator(f'[name="{name}"]'))
    picker.locator("[role=combobox]").fill(query)
    picker.get_by_role("option").first.click()
    expect(picker.locator(f'[name="{name}"]')).not_to_have_value("")


def _run(case: Case, key: str, page, language: str, problems: list, ids: dict) -> None:
    screen = language
    if case.speaks_for:
        language = _customers_language(ids[case.speaks_for])
    form = _form(page, key)
    expect(form).to_be_attached()
    path = page.url
    _unfold(form)

    # 1. Empty.
    if case.empty_says is not None:
        for box in _typeable(form).all():
            box.fill("")
        before = _snapshot()
        _submit(page, form)
        errors = _errors(page)
        expected = _message(case.empty_says, language)
        if expected not in errors:
            problems.append(f"{key} [{language}] empty: expected {expected!r}, shown {errors!r}")
        if _snapshot() != before:
            problems.append(f"{key} [{language}] empty: a record was created or changed")
        page.goto(path)
        form = _form(page, key)
        _unfold(form)

    # 2. One value out of range, the others good: all kept as typed.
    typed = {**case.good, **case.bad}
    for name, value in typed.items():
        form.locator(f'[name="{name}"]').fill(value)
    before = _snapshot()
    _submit(page, form, case.press)
    form = _form(page, key)
    _unfold(form)
    errors = _errors(page)
    expected = _message(case.bad_says, language)
    if expected not in errors:
        problems.append(f"{key} [{language}] out of range: expected {expected!r}, shown {errors!r}")
    for name, value in typed.items():
        box = form.locator(f'[name="{name}"]')
        kept = box.input_value() if box.count() else None
        if kept != value:
            problems.append(
                f"{key} [{language}] out of range: {name} kept {kept!r}, typed {value!r}"
            )
    if _snapshot() != before:
        problems.append(f"{key} [{language}] out of range: a record was created or changed")
    # What a person sees then, kept by CI: on the counter's tablet and on a phone.
    screenshot(page, f"form-{key}-{screen}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"form-{key}-{screen}-phone")
    page.set_viewport_size(TABLET)

    # 3. Corrected: it saves.
    for name, value in case.good.items():
        form.locator(f'[name="{name}"]').fill(value)
    for name in case.bad:
        if name not in case.good:
            form.locator(f'[name="{name}"]').fill("")
    for name, value in case.choose.items():
        choice = form.locator(f'[name="{name}"]')
        if choice.first.get_attribute("type") == "radio":
            form.locator(f'[name="{name}"][value="{value}"]').check()
        else:
            choice.select_option(value)
    for name, query in case.pick.items():
        pick_first(page, form, name, query)
    if case.sign:
        sign(page, form.locator("canvas"))
    before = _snapshot()
    _submit(page, form, case.press)
    errors = _errors(page)
    if errors.strip() or _snapshot() == before:
        problems.append(f"{key} [{language}] corrected: not saved; shown {errors!r}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_shows_its_errors_keeps_the_typing_and_saves_once_corrected(
    open_as, shop, language
):
    who, ids = form_pages.world(shop)
    problems: list[str] = []
    pages = {}  # one logged-in tablet per role
    # FORMS=key,key runs only those while one writes a case; the suite runs them all.
    only = {k for k in os.environ.get("FORMS", "").split(",") if k}
    for key, case in CASES.items():
        if only and key not in only:
            continue
        path = _fill(case.page, ids, case.role)
        if case.role in pages:
            page = pages[case.role]
            page.goto(path)
        else:
            page = pages[case.role] = _open(open_as, who, case.role, language, path)
        try:
            _run(case, key, page, language, problems, ids)
        except Exception as exc:  # one broken form must not hide the others' results
            problems.append(f"{key} [{language}]: {type(exc).__name__}: {exc}".splitlines()[0])
            screenshot(page, f"FAILED-form-{key}-{language}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_interaction_stage_form_shows_its_errors(open_as, shop, language):
    from interactions.services import interaction_advance

    who, ids = form_pages.world(shop)
    advisor = who["advisor"]
    pk = ids["interaction"]
    need = {"need_in_customer_words": "It squeals"}
    interaction_advance(user=advisor, pk=pk, stage="know_need", fields=need)
    interaction_advance(user=advisor, pk=pk, stage="confirm", fields={})
    page = _open(open_as, who, "advisor", language, f"/interactions/{pk}/")
    form = page.locator("#cycle form").first
    _without_browser_checks(form)
    form.locator('[name="agreed_work"]').fill("Front pads")
    form.locator('[name="promised_at"]').fill("2020-01-01T08:00")
    before = _snapshot()
    form.evaluate("f => f.requestSubmit()")
    expect(page.locator("#cycle")).to_contain_text(_message(PROMISE_PASSED, language), timeout=5000)
    assert page.locator('[name="agreed_work"]').input_value() == "Front pads"
    assert _snapshot() == before
