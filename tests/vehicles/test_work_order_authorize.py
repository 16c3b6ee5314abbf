from decimal import Decimal

import pytest

from servicedesk.errors import Conflict, Invalid
from servicedesk.signatures import (
    SIGNATURE_BLANK,
    SIGNATURE_NOT_PNG,
    SIGNATURE_NOT_TAKEN,
    SIGNATURE_REQUIRED,
)
from tests.signatures import empty_pad, stray_dot, white_pad
from tests.vehicles.factories import WorkOrderFactory
from vehicles import services
from vehicles.services.errors import NO_LINES, NOTHING_TO_AUTHORIZE

from . import factories as f


def test_it_records_who_when_and_how_and_covers_every_line(shop, advisor, signature):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=2)
    auth = f.authorize(wo, advisor, method="in_person", signature=signature)
    assert wo.status == "authorized" and wo.authorized_at
    # two lines of 100 at the shop's 13 %
    assert auth.amount == Decimal("226.00") and auth.recorded_by == advisor
    assert auth.signature.name.endswith(".png")
    assert set(wo.lines.values_list("authorization", flat=True)) == {auth.pk}


def test_it_refuses_an_order_without_lines(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(Conflict) as refused:
        f.authorize(wo, advisor)
    assert refused.value.message == NO_LINES


def test_it_refuses_a_signature_on_a_phone_authorization(shop, advisor, signature):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as err:
        f.authorize(wo, advisor, method="phone", signature=signature)
    assert err.value.message == SIGNATURE_NOT_TAKEN


def test_in_person_it_refuses_an_authorization_without_a_signature(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as err:
        f.authorize(wo, advisor, method="in_person")
    assert err.value.field == "signature" and err.value.message == SIGNATURE_REQUIRED
    wo.refresh_from_db()
    assert wo.status == "open" and not wo.authorizations.exists()


@pytest.mark.parametrize("pad", [empty_pad, white_pad, stray_dot], ids=lambda f: f.__name__)
def test_in_person_it_refuses_a_pad_nobody_signed(shop, advisor, pad):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as err:
        f.authorize(wo, advisor, method="in_person", signature=pad())
    assert err.value.field == "signature" and err.value.message == SIGNATURE_BLANK
    wo.refresh_from_db()
    assert wo.status == "open" and not wo.authorizations.exists()


def test_it_refuses_a_signature_that_is_not_a_png(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as refused:
        f.authorize(wo, advisor, method="in_person", signature="data:image/png;base64,aGVsbG8=")
    assert refused.value.message == SIGNATURE_NOT_PNG
    wo.refresh_from_db()
    assert wo.status == "open" and not wo.authorizations.exists()


def test_a_line_added_after_authorization_needs_a_new_one(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    services.work_order_line_add(
        work_order_pk=wo.pk,
        user=advisor,
        kind="labour",
        description="Extra",
        unit_price=Decimal("50"),
    )
    with pytest.raises(Conflict) as err:
        services.work_order_start(pk=wo.pk, user=advisor)
    assert "Extra" in str(err.value.message)
    second = f.authorize(wo, advisor, method="message")
    assert second.amount == Decimal("169.50")  # 100 + 50 at the shop's 13 %
    services.work_order_start(pk=wo.pk, user=advisor)


def test_it_refuses_when_everything_is_already_authorized(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    with pytest.raises(Conflict) as refused:
        f.authorize(wo, advisor)
    assert refused.value.message == NOTHING_TO_AUTHORIZE
