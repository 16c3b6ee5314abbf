"""The cases of ``test_every_form.py``: for each form a person fills in, where it is, who fills it
in, a value that saves and one out of range with the message it must show; and the forms that
have no case, each with the reason. A new form is covered by adding its one line here."""

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from PIL import Image

from interactions.forms import NOTHING_LEARNED
from interactions.services import (
    IDENTITY_REQUIRED,
    REASON_REQUIRED,
    RESPONSE_REQUIRED,
    SUMMARY_REQUIRED,
    UNKNOWN_PLACEHOLDER,
)
from interactions.services.canned_replies import PLACEHOLDERS
from servicedesk.accounts.services import CLOSES_BEFORE_OPENS
from servicedesk.dates import NOT_PLAUSIBLE, PROMISE_PASSED
from servicedesk.limits import NARRATIVE, NOTE
from servicedesk.signatures import SIGNATURE_REQUIRED
from surveys.forms import SurveyAnswerForm
from tests.reliability.scenario import MP4
from vehicles.services.errors import (
    DECISION_REQUIRED,
    PHOTO_NOT_IMAGE,
    PHOTO_REQUIRED,
    SAME_OWNER,
    TEMPLATE_NAME_TAKEN,
    VIDEO_NOT_VIDEO,
    VIDEO_REQUIRED,
)

VISITOR = "visitor"  # Case.role of a page opened from a link, not logged in (the customer's)
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
KNOWN_PLACEHOLDERS = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


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
    # <select>, radio or submit button name → the value chosen (the button pressed) for the save
    choose: dict = field(default_factory=dict)
    # The page speaks another language than the screen's (the customer's screen): its record,
    # by its @name (see SPOKEN_FOR).
    speaks_for: str = ""
    sign: bool = False  # draw on the form's signature pad for the save
    pick: dict = field(default_factory=dict)  # picker field name → what to type to find it
    # A form whose choice is the button pressed (approve / reject): (name, value) of the button
    # the out-of-range and the corrected submits press. The empty submit presses none: nothing
    # chosen is its refusal.
    press: tuple = ()
    # Where the refusal is a record chosen, not a value typed: picker name → what finds it.
    bad_pick: dict = field(default_factory=dict)
    # <input type=file> name → (file name, content): one that saves, and one refused.
    good_files: dict = field(default_factory=dict)
    bad_files: dict = field(default_factory=dict)


def upload(name: str, content: bytes) -> dict:
    """A file as a person's device picks it; its type is told by its name only, as a browser
    does (the server reads the content)."""
    types = {"png": "image/png", "jpg": "image/jpeg", "pdf": "application/pdf", "mp4": "video/mp4"}
    return {"name": name, "mimeType": types[name.rsplit(".", 1)[-1]], "buffer": content}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "darkred").save(buffer, "PNG")
    return buffer.getvalue()


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
    "vehicles:inspection-detail#decision": Case(
        "/inspections/@inspection/",
        "advisor",
        # The customer's answer is the button pressed, nothing typed to get out of range: sent
        # without one (a script, an Enter), it is refused and says what to choose.
        good={},
        bad={},
        bad_says=DECISION_REQUIRED,
        empty_says=DECISION_REQUIRED,
        choose={"decision": "deferred"},
    ),
    "vehicles:inspection-detail#photo": Case(
        "/inspections/@inspection/",
        "technician",
        good={},
        bad={},
        # Uploads are read by their content: text named like a photo is refused.
        good_files={"image": ("tyre.png", _png())},
        bad_files={"image": ("tyre.jpg", b"not a photo, only its name says so")},
        bad_says=PHOTO_NOT_IMAGE,
        empty_says=PHOTO_REQUIRED,
    ),
    "vehicles:inspection-detail#video": Case(
        "/inspections/@inspection/",
        "technician",
        good={},
        bad={},
        # Read by their content, as photos are: text named like a video is refused.
        good_files={"video": ("tyre.mp4", MP4)},
        bad_files={"video": ("tyre.mp4", b"not a video, only its name says so")},
        bad_says=VIDEO_NOT_VIDEO,
        empty_says=VIDEO_REQUIRED,
    ),
    # The technician's tick on an item still to decide (the first one left: the decision case
    # above deferred another). Every field may be left empty, so no empty refusal.
    "vehicles:inspection-detail#tick": Case(
        "/inspections/@inspection/",
        "technician",
        good={"notes": "Worn at the edges", "recommended_job": "Replace both", "price": "95"},
        bad={"recommended_job": ""},
        bad_says=_("Describe the recommended job for this price."),
        empty_says=None,
    ),
    "vehicles:inspection-templates": Case(
        "/inspection-templates/",
        "manager",
        good={"name": "Winter check", "items": "Tyres\nBattery\nHeater"},
        bad={"name": "Courtesy check"},  # the scenario's checklist has that name
        bad_says=TEMPLATE_NAME_TAKEN,
    ),
    "vehicles:inspection-template-edit": Case(
        "/inspection-templates/@inspection_template/",
        "manager",
        good={"name": "Courtesy check (spring)", "items": "Tyres\nLights\nWipers"},
        bad={"name": "Winter check"},  # the checklist the case above saved
        bad_says=TEMPLATE_NAME_TAKEN,
    ),
    "vehicles:vehicle-detail#owner": Case(
        "/vehicles/@vehicle_sold/",
        "advisor",
        good={},
        bad={},
        # A picker only: what it refuses is a record, the one who owns the car already.
        bad_pick={"o-owner": "Qian Li"},
        bad_says=SAME_OWNER,
        pick={"o-owner": "Sun Hao"},
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
    "complaints:report-problem": Case(
        "/complaints/report-a-problem/",
        "technician",
        good={"customer_words": "The lift in bay 2 leaks hydraulic oil"},
        bad={"customer_words": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
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
    # The supplier's answer to the improvement asked: recorded by who raises deductions; empty,
    # the service says the field is required.
    "complaints:deduction-answer": Case(
        "/complaints/deductions/",
        "advisor",
        good={"answer": "Batch 42 withdrawn; pads checked at the end of the line"},
        bad={"answer": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
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
    "interactions:communication-new": Case(
        "/interactions/@interaction/",
        "advisor",
        good={"summary": "Asked when the car is ready"},
        bad={"summary": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
        empty_says=SUMMARY_REQUIRED,
    ),
    "interactions:canned-replies": Case(
        "/interactions/canned-replies/",
        "manager",
        good={"title": "Pick-up", "text_en": "Dear {customer_name}, your car is ready."},
        bad={"text_en": "Dear {name}, your car is ready."},
        bad_says=(UNKNOWN_PLACEHOLDER, {"name": "name", "known": KNOWN_PLACEHOLDERS}),
    ),
    "interactions:canned-reply-edit": Case(
        "/interactions/canned-replies/@canned_reply/",
        "manager",
        good={"title": "Car ready", "text_zh": "{customer_name}您好，您的车已完工。"},
        bad={"text_zh": "{客户}您好"},
        bad_says=(UNKNOWN_PLACEHOLDER, {"name": "客户", "known": KNOWN_PLACEHOLDERS}),
    ),
    "complaints:message": Case(
        "/complaints/@complaint/",
        "advisor",
        good={"message-summary": "We are looking into it and call you tomorrow."},
        bad={"message-summary": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
        empty_says=SUMMARY_REQUIRED,
    ),
    "interactions:escalation": Case(
        "/interactions/escalations/@escalation/",
        "supervisor",
        good={"response": "Offer a loaner from tomorrow"},
        bad={"response": "x" * (NARRATIVE + 1)},
        bad_says=(AT_MOST, {"limit_value": NARRATIVE, "show_value": NARRATIVE + 1}),
        empty_says=RESPONSE_REQUIRED,
    ),
    "interactions:identify": Case(
        "/interactions/@walk_in/",
        "advisor",
        good={"walk_in_name": "Mr Wu"},
        bad={"walk_in_name": "W" * 121},
        bad_says=(AT_MOST, {"limit_value": 120, "show_value": 121}),
        empty_says=IDENTITY_REQUIRED,  # nobody chosen, no name: nothing said of who it is
    ),
    "interactions:learned": Case(
        "/interactions/@interaction/",
        "advisor",
        # Only choices, nothing free to get out of range: what it refuses is nothing chosen.
        good={},
        bad={},
        bad_says=NOTHING_LEARNED,
        empty_says=NOTHING_LEARNED,
        choose={"main_concern": "expense"},
    ),
    "interactions:new": Case(
        "/interactions/new/?channel=walk_in",
        "advisor",
        good={"walk_in_name": "Mr Wu", "wait_seconds": "20", "greet_notes": "Keys in hand"},
        bad={"wait_seconds": "-1"},
        bad_says=AT_LEAST_0,
    ),
    "complaints:follow-up": Case(
        "/complaints/@complaint_follow/",
        "advisor",
        good={"comment": "No answer"},
        bad={"next_try": "2100-01-01"},
        bad_says=YEARS,
        choose={"reached": "no"},
    ),
    "shop-hours": Case(
        "/shops/@shop/hours/",
        "manager",
        good={"opens_1": "08:30", "closes_1": "18:00"},
        bad={"closes_1": "07:00"},
        bad_says=CLOSES_BEFORE_OPENS,
        empty_says=None,  # no hours at all: open around the clock, a save
    ),
    "surveys:answer": Case(
        "/s/@survey_token/",
        VISITOR,  # the customer, from the link they got
        good={"comment": "Done on time"},
        bad={"comment": "x" * 2001},
        bad_says=(AT_MOST, {"limit_value": 2000, "show_value": 2001}),
        empty_says=SurveyAnswerForm.base_fields["csat"].error_messages["required"],
        choose={"csat": "4", "nps": "9"},
        speaks_for="survey",
    ),
}

# Forms found on the pages that have no case yet: each is a gap of this test, said here, and
# the registry test fails once one of them is gone from the pages (so the list only shrinks).
NOT_YET_COVERED = {
    "complaints:export": "a download: its dates are in test_dates_round_trip.py",
}

# Forms whose refusals are driven by a test of their own (htmx answers swapped in place).
COVERED_ELSEWHERE = {
    "reports:quality": "tests/browser/test_quality.py: a period refused with its reason and "
    "the dates kept, then corrected (nothing is saved: the form chooses what to show)",
    "reports:group": "tests/browser/test_quality.py, the group manager's journey, likewise",
    "interactions:stage": "test_the_interaction_stage_form_shows_its_errors below, and "
    "tests/browser/test_interaction_errors.py",
    "interactions:close": "tests/browser/test_interaction_errors.py (keep without a score)",
    # Folded away under "Pause the clocks" (a <details>): its refusals (a stale copy, the
    # typed note kept; a second pause; a closed complaint) in their own tests.
    "complaints:pause": "tests/complaints/test_pages.py (test_a_refused_pause_keeps_the_typed_"
    "note) and tests/complaints/test_business_clocks.py",
    # Filing an inbox message is choosing a customer with the picker: its refusal (another
    # shop's customer, the message kept on the page) in its own test.
    "interactions:inbox-detail": "tests/interactions/test_page_inbox.py (test_a_customer_of_"
    "another_shop_is_refused_and_the_page_keeps_the_message)",
    # The customer's link (issue 15): a page of the token, driven by its own journeys.
    "portal:status": "the message to the advisor: tests/portal/test_customer_message.py and "
    "tests/browser/test_customer_link.py",
    "portal:inspection": "tests/portal/test_inspection_on_link.py (no signature, decided twice) "
    "and tests/browser/test_customer_link_inspection.py",
    "portal:authorize": "tests/portal/test_inspection_on_link.py (a line added meanwhile) and "
    "tests/browser/test_customer_link_inspection.py",
}

# Forms with nothing a person types that could be refused: a button, a switch, a search.
NOT_FILLED_IN = {
    "interactions:start": "a button: starts a walk-in",
    "logout": "a button",
    "account-token-revoke": "a button",
    "set_language": "the language switcher",
    "account-language": "a choice from a list (tests/accounts/test_user_language.py)",
    "on-duty": "a switch",
    "notifications:read": "a button",
    "notifications:read-all": "a button",
    "outbox:retry": "a button",
    "portal:send": "a choice of channel from a list and a button",
    "portal:revoke": "a button",
    "reports:annual-refresh": "a button",
    "reports:quality-refresh": "a button",
    "vehicles:inspection-create": "a button",
    "vehicles:work-order-line-remove": "a button",
    "vehicles:work-order-step": "a button (start, ready)",
    "complaints:list": "a search: nothing is saved",
    "interactions:list": "a search: nothing is saved",
    "vehicles:customer-list": "a search: nothing is saved",
    "reports:annual-pick": "a choice of year: nothing is saved",
}
