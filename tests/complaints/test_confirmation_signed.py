"""The customer's "I confirm" on the screen is signed: the page and the API refuse an empty pad
with the same message, and record nothing."""

import pytest
from django.utils import translation
from django.utils.html import escape

from complaints import services
from complaints.models import State
from servicedesk.signatures import SIGNATURE_BLANK, SIGNATURE_REQUIRED
from tests.signatures import drawn_signature, empty_pad, white_pad


@pytest.fixture
def agreed(complaint, advisor, carry):
    c = carry(complaint, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="rework", amount="100")
    return c


@pytest.mark.parametrize(
    "signature, message", [("", SIGNATURE_REQUIRED), (empty_pad(), SIGNATURE_BLANK)]
)
def test_the_page_refuses_an_unsigned_confirmation(browser_as, advisor, agreed, signature, message):
    r = browser_as(advisor).post(
        f"/complaints/{agreed.pk}/confirm/", {"signed_name": "Zhou Min", "signature": signature}
    )
    assert r.status_code == 400
    page = r.content.decode()
    # The customer's screen speaks the customer's language, its errors too.
    spoken = (agreed.customer.preferred_language if agreed.customer else "") or agreed.shop.language
    with translation.override(spoken):
        assert escape(str(message)) in page and 'value="Zhou Min"' in page
    agreed.refresh_from_db()
    assert agreed.confirmed_at is None


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, SIGNATURE_REQUIRED),
        ({"signature": ""}, SIGNATURE_REQUIRED),
        ({"signature": white_pad()}, SIGNATURE_BLANK),
    ],
)
def test_the_api_refuses_an_unsigned_confirmation_in_person(api_as, advisor, agreed, body, message):
    r = api_as(advisor).post(
        f"/api/v1/complaints/{agreed.pk}/confirmation/",
        {"signed_name": "Zhou Min", **body},
        format="json",
    )
    assert r.status_code == 400 and r.json() == {"signature": [str(message)]}
    agreed.refresh_from_db()
    assert agreed.confirmed_at is None


def test_the_api_takes_a_signed_or_a_phone_confirmation(api_as, advisor, agreed):
    api = api_as(advisor)
    url = f"/api/v1/complaints/{agreed.pk}/confirmation/"
    r = api.post(url, {"signed_name": "Zhou Min", "method": "phone"}, format="json")
    assert r.status_code == 200 and r.json()["confirmed_name"] == "Zhou Min"
    r = api.post(url, {"signed_name": "Zhou Min", "signature": drawn_signature()}, format="json")
    assert r.status_code == 200
    agreed.refresh_from_db()
    assert agreed.confirmation_signature
