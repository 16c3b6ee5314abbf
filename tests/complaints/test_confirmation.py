import base64

import pytest

from complaints import services
from complaints.models import ComplaintHistory, State
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Invalid
from servicedesk.signatures import (
    MAX_SIGNATURE_BYTES,
    SIGNATURE_BLANK,
    SIGNATURE_NOT_PNG,
    SIGNATURE_NOT_TAKEN,
    SIGNATURE_REQUIRED,
)
from tests.signatures import drawn_signature, empty_pad, jpeg_as_png_url, stray_dot, white_pad


@pytest.fixture
def resolving(complaint, advisor, carry):
    c = carry(complaint, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="rework", amount="100")
    return c


def test_it_stores_the_name_time_and_signature(resolving, advisor):
    c = services.complaint_confirm(
        pk=resolving.pk, user=advisor, signed_name="周敏", signature=drawn_signature()
    )
    assert c.confirmed_name == "周敏" and c.confirmed_at is not None
    assert c.confirmation_signature.name.endswith(".png")
    assert c.confirmation_language == "zh-hans" or c.confirmation_language
    assert ComplaintHistory.objects.filter(complaint=c, kind="confirmed").count() == 1


def test_in_person_it_refuses_a_confirmation_without_a_signature(resolving, advisor):
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(pk=resolving.pk, user=advisor, signed_name="Zhou Min")
    assert err.value.field == "signature" and err.value.message == SIGNATURE_REQUIRED
    resolving.refresh_from_db()
    assert resolving.confirmed_at is None


@pytest.mark.parametrize("pad", [empty_pad, white_pad, stray_dot], ids=lambda f: f.__name__)
def test_in_person_it_refuses_a_pad_nobody_signed(resolving, advisor, pad):
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(
            pk=resolving.pk, user=advisor, signed_name="Zhou Min", signature=pad()
        )
    assert err.value.field == "signature" and err.value.message == SIGNATURE_BLANK
    resolving.refresh_from_db()
    assert resolving.confirmed_at is None and not resolving.confirmation_signature


def test_a_signature_on_a_white_pad_is_accepted(resolving, advisor):
    signed = drawn_signature(background=(255, 255, 255, 255))
    c = services.complaint_confirm(
        pk=resolving.pk, user=advisor, signed_name="Zhou Min", signature=signed
    )
    assert c.confirmation_signature


def test_a_confirmation_by_phone_has_no_signature(resolving, advisor):
    c = services.complaint_confirm(
        pk=resolving.pk, user=advisor, signed_name="Zhou Min", method="phone"
    )
    assert c.confirmed_at and not c.confirmation_signature
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(
            pk=resolving.pk,
            user=advisor,
            signed_name="Zhou Min",
            method="message",
            signature=drawn_signature(),
        )
    assert err.value.message == SIGNATURE_NOT_TAKEN


@pytest.mark.parametrize(
    "bad",
    [
        "not a data url",
        "data:image/png;base64,!!!!",
        "data:image/png;base64," + base64.b64encode(b"GIF89a not png").decode(),
        "data:image/jpeg;base64,AAAA",
    ],
)
def test_it_refuses_what_is_not_a_png(resolving, advisor, bad):
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(pk=resolving.pk, user=advisor, signed_name="Zhou", signature=bad)
    assert err.value.message == SIGNATURE_NOT_PNG
    assert err.value.field == "signature"
    resolving.refresh_from_db()
    assert resolving.confirmed_at is None


def test_it_refuses_a_jpeg_dressed_as_png(resolving, advisor):
    with pytest.raises(Invalid) as refused:
        services.complaint_confirm(
            pk=resolving.pk, user=advisor, signed_name="Zhou", signature=jpeg_as_png_url()
        )
    assert refused.value.message == SIGNATURE_NOT_PNG


def test_it_refuses_a_signature_too_large(resolving, advisor):
    huge = "data:image/png;base64," + "A" * (MAX_SIGNATURE_BYTES * 2)
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(pk=resolving.pk, user=advisor, signed_name="Z", signature=huge)
    assert "too large" in str(err.value.message)


def test_it_needs_the_printed_name(resolving, advisor):
    with pytest.raises(Invalid) as err:
        services.complaint_confirm(pk=resolving.pk, user=advisor, signed_name=" ")
    assert err.value.message == service_errors.CONFIRM_NAME_REQUIRED
    assert err.value.field == "signed_name"


def test_it_refuses_while_a_remedy_awaits_approval(resolving, advisor):
    services.remedy_propose(complaint_pk=resolving.pk, user=advisor, kind="discount", amount="9")
    with pytest.raises(Conflict) as refused:
        services.complaint_confirm(
            pk=resolving.pk, user=advisor, signed_name="Zhou", signature=drawn_signature()
        )
    assert refused.value.message == service_errors.GUARD_PENDING


def test_it_refuses_outside_resolving(complaint, advisor):
    with pytest.raises(Conflict) as refused:
        services.complaint_confirm(
            pk=complaint.pk, user=advisor, signed_name="Zhou", signature=drawn_signature()
        )
    assert refused.value.message == service_errors.CONFIRM_ONLY_RESOLVING
