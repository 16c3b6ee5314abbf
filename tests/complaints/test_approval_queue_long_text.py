"""The approval queue clamps a long complaint text to a few lines, with a button to read it all,
so one 6,000-character complaint does not make a card thousands of pixels tall."""

from complaints import services
from tests.complaints.factories import ComplaintFactory

LONG = "刹车一直响，修了三次还是响。" * 440  # 6,160 characters


def test_a_long_complaint_text_is_clamped_with_a_way_to_read_it_all(
    browser_as, advisor, manager, shop
):
    complaint = ComplaintFactory(shop=shop, user=advisor, customer_words=LONG)
    services.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80")
    page = browser_as(manager).get("/complaints/approvals/").content.decode()
    clamped = page.split('<div class="sd-clamp" data-clamp>', 1)[1].split("</button>", 1)[0]
    assert LONG in clamped  # all of it is there to expand, inside the clamped box
    assert "Show all (6160 characters)" in clamped


def test_a_short_complaint_text_is_shown_as_it_is(browser_as, advisor, manager, shop):
    complaint = ComplaintFactory(shop=shop, user=advisor, customer_words="The brakes squeal")
    services.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80")
    page = browser_as(manager).get("/complaints/approvals/").content.decode()
    assert "The brakes squeal" in page and "data-clamp" not in page
