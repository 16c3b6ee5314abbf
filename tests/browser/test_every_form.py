"""Every form a person fills in, in Chromium, in English and in Chinese (issue 12, "tests that
catch the kind"): submitted empty, then with one value out of range, each time a visible error
names the problem, every typed value is still in its field, and nothing was created or changed;
then corrected, the save goes through.

The forms are not listed by hand: ``form_pages.discover`` reads them off every page of the URL
conf, and ``test_every_form_is_in_the_registry`` fails for one that is in neither ``CASES`` nor
``NOT_FILLED_IN`` (forms with nothing to refuse: one-click buttons, searches), both in
``form_cases.py``. A new form is covered by adding its one line there; the test itself is not
rewritten.

The browser's own checks (``required``, ``min``, ``maxlength``) are switched off before each
submit: they help a person, but the server is the rule, and it is the server's answer that must
show on the page.
"""

import os
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.utils import translation
from playwright.sync_api import expect

from servicedesk.dates import PROMISE_PASSED
from tests.reliability.test_permission_matrix import _fill

from . import form_pages
from .conftest import PHONE, TABLET, screenshot
from .form_cases import (
    CASES,
    COVERED_ELSEWHERE,
    NOT_FILLED_IN,
    NOT_YET_COVERED,
    VISITOR,
    Case,
    upload,
)
from .test_complaint import sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "zh-hans")


def test_every_form_and_date_field_is_in_the_registry(shop):
    """Read off the pages: each form has a case (or nothing to refuse), each date field a
    round trip (tests/browser/test_dates_round_trip.py)."""
    from .test_dates_round_trip import ROUND_TRIPS

    who, ids = form_pages.world(shop)
    found = form_pages.discover(who, ids)
    missing = sorted(
        set(found) - set(CASES) - set(NOT_FILLED_IN) - set(NOT_YET_COVERED) - set(COVERED_ELSEWHERE)
    )
    assert not missing, "forms without a case in tests/browser/form_cases.py: " + ", ".join(
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
    """Every row of every model, as stored: a created, changed or removed record moves it (also
    one that keeps no version nor field history: a survey answered, an item decided)."""
    skip = {"sessions", "axes", "admin", "contenttypes", "auth"}
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in skip or model.__name__ == "SecurityEvent":
            continue
        rows = model._default_manager.order_by("pk").values_list()
        state[model._meta.label] = hash(tuple(map(repr, rows)))
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
                    ? f.querySelector(`[name="${press[0]}"][value="${press[1]}"]`) : null;
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


def _open(open_as, who, role: str, language: str, path: str, speaks: str = ""):
    """A tablet of ``role`` (logged in; the visitor is not) whose screen reads ``language``, on
    ``path``, which speaks ``speaks`` where it is the customer's page."""
    page = open_as(None if role == VISITOR else who[role])
    if page.url == "about:blank":  # the visitor, not logged in: nowhere yet
        page.goto(path)
    if language != "en":
        # For the whole site: a cookie set for the landing page's URL would have its path.
        site = "/".join(page.url.split("/")[:3]) + "/"
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", speaks or language)
    return page


# The record a customer's page speaks for, by the first word of its @name in the scenario.
SPOKEN_FOR = {"complaint": "complaints.Complaint", "survey": "surveys.Survey"}


def _customers_language(name: str, pk: int) -> str:
    """The language of the customer's page for the record ``name`` (``Case.speaks_for``)."""
    model = apps.get_model(SPOKEN_FOR[name.split("_")[0]])
    record = model.objects.select_related("customer", "shop").get(pk=pk)
    if getattr(record, "language", ""):  # chosen when it was sent (a survey)
        return record.language
    customer = record.customer
    return (customer.preferred_language if customer else "") or record.shop.language


def pick_first(page, form, name: str, query: str) -> None:
    """Choose in the form's search picker ``name``: type ``query``, tap the first match."""
    picker = form.locator("[data-picker]").filter(has=page.locator(f'[name="{name}"]'))
    picker.locator("[role=combobox]").fill(query)
    picker.get_by_role("option").first.click()
    expect(picker.locator(f'[name="{name}"]')).not_to_have_value("")


def _run(case: Case, key: str, page, language: str, problems: list, ids: dict) -> None:
    screen = language
    if case.speaks_for:
        language = _customers_language(case.speaks_for, ids[case.speaks_for])
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
    picked = {}
    for name, query in case.bad_pick.items():
        pick_first(page, form, name, query)
        picked[name] = form.locator(f'[name="{name}"]').input_value()
    for name, file in {**case.good_files, **case.bad_files}.items():
        form.locator(f'[name="{name}"]').set_input_files(upload(*file))
    before = _snapshot()
    _submit(page, form, case.press)
    form = _form(page, key)
    _unfold(form)
    errors = _errors(page)
    expected = _message(case.bad_says, language)
    if expected not in errors:
        problems.append(f"{key} [{language}] out of range: expected {expected!r}, shown {errors!r}")
    for name, value in {**typed, **picked}.items():
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
    pressed = ()
    for name, value in case.choose.items():
        choice = form.locator(f'[name="{name}"]')
        kind = choice.first.evaluate("e => e.type")
        if kind == "radio":
            radio = form.locator(f'[name="{name}"][value="{value}"]')
            label = form.locator(f'label[for="{radio.get_attribute("id")}"]')
            # Tapped where a person taps: its label, which a button-styled radio shows alone.
            (label if label.count() else radio).click()
            expect(radio).to_be_checked()
        elif kind == "submit":  # the answer is the button pressed (approve, decline …)
            pressed = (name, value)
        else:
            choice.select_option(value)
    for name, query in case.pick.items():
        pick_first(page, form, name, query)
    for name, file in case.good_files.items():
        form.locator(f'[name="{name}"]').set_input_files(upload(*file))
    if case.sign:
        sign(page, form.locator("canvas"))
    before = _snapshot()
    _submit(page, form, pressed or case.press)
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
            speaks = case.speaks_for and _customers_language(case.speaks_for, ids[case.speaks_for])
            page = pages[case.role] = _open(open_as, who, case.role, language, path, speaks)
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
