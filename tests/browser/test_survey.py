"""Journey 4: a customer answers the satisfaction survey on a phone, from the link they got."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys import services
from surveys.models import Survey
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .conftest import fits_the_screen, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey(shop, advisor):
    """The survey of Zhou Min's delivered work order; she reads Chinese."""
    client = CustomerFactory(shop=shop, name="周敏", preferred_language="zh-hans")
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    order.status = "delivered"
    order.delivered_at = timezone.now() - timedelta(days=3)
    order.save()
    return services.survey_create(work_order_pk=order.pk)[0]


def test_a_customer_answers_the_survey_on_a_phone(phone, survey):
    page = phone
    page.goto(f"/s/{survey.token}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_contain_text("周敏")
    fits_the_screen(page)

    # She reads it in English: the language link at the top.
    page.get_by_role("link", name="English").tap()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dear 周敏, how did we do?")
    fits_the_screen(page)

    csat = page.get_by_role("group", name="How satisfied are you with your visit?")
    csat.get_by_text("4", exact=True).tap()
    nps = page.get_by_role("group", name="How likely are you to recommend us")
    nps.get_by_text("9", exact=True).tap()
    page.get_by_label("Anything you would like to tell us?").fill(
        "Done on time; the waiting room was cold."
    )
    screenshot(page, "survey-answering")
    page.get_by_role("button", name="Send my answer").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answer!")
    fits_the_screen(page)
    screenshot(page, "survey")

    survey = Survey.objects.get()
    assert (survey.csat, survey.nps) == (4, 9)
    assert survey.comment == "Done on time; the waiting room was cold."
    assert survey.answered_at is not None

    # The link is single use: opened again, it thanks her and asks nothing.
    page.goto(f"/s/{survey.token}/")
    expect(page.get_by_role("button", name="Send my answer")).to_have_count(0)
