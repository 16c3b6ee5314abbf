"""An authorization "in person, signed" needs a signature drawn on the pad: the page and the
API refuse an empty pad with the same message, and authorize nothing."""

import pytest
from django.utils.html import escape

from servicedesk.signatures import SIGNATURE_BLANK, SIGNATURE_REQUIRED
from tests.signatures import drawn_signature, white_pad
from tests.vehicles.factories import WorkOrderFactory


@pytest.mark.parametrize(
    "signature, message", [("", SIGNATURE_REQUIRED), (white_pad(), SIGNATURE_BLANK)]
)
def test_the_page_refuses_an_unsigned_authorization(browser_as, advisor, shop, signature, message):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    r = browser_as(advisor).post(
        f"/work-orders/{wo.pk}/",
        {
            "form": "authorize",
            "version": wo.version,
            "a-method": "in_person",
            "a-authorized_by_name": "Mr Zhou",
            "a-signature": signature,
        },
    )
    page = r.content.decode()
    assert 'id="signature-error"' in page and escape(str(message)) in page
    assert 'value="Mr Zhou"' in page
    wo.refresh_from_db()
    assert wo.status == "open" and not wo.authorizations.exists()


def test_the_page_records_a_signed_authorization(browser_as, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    r = browser_as(advisor).post(
        f"/work-orders/{wo.pk}/",
        {
            "form": "authorize",
            "version": wo.version,
            "a-method": "in_person",
            "a-authorized_by_name": "Mr Zhou",
            "a-signature": drawn_signature(),
        },
    )
    assert r.status_code == 302
    wo.refresh_from_db()
    assert wo.status == "authorized" and wo.authorizations.get().signature


def test_the_api_refuses_an_unsigned_authorization_in_person(api_as, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    r = api_as(advisor).post(
        f"/api/v1/work-orders/{wo.pk}/authorize/",
        {"method": "in_person", "authorized_by_name": "Mr Zhou", "signature": ""},
        format="json",
    )
    assert r.status_code == 400 and r.json() == {"signature": [str(SIGNATURE_REQUIRED)]}
    wo.refresh_from_db()
    assert wo.status == "open"
