"""The complaint intake page shows the four steps of taking in a complaint (seed 003 §3) beside
the form, with the calming steps for an upset customer (§4) folded under them, in the page's
language; on a phone the card folds away behind a button."""

import re

from django.utils import translation

from complaints.models import Complaint
from interactions.models import CoachingTip

STEPS_EN = ["1. Listen attentively.", "2. Get the facts.", "3. Show you care", "4. Satisfy"]
STEPS_ZH = ["1. 专注倾听。", "2. 了解事实。", "3. 表示关心", "4. 使客户满意。"]


def aside(html: str) -> str:
    return re.search(r'<aside[^>]*id="intake-coaching-aside".*?</aside>', html, re.S).group(0)


def test_the_four_steps_beside_the_form_and_the_calming_steps_folded(browser_as, advisor):
    html = aside(browser_as(advisor).get("/complaints/new/").content.decode())
    positions = [html.index(step) for step in STEPS_EN]
    assert positions == sorted(positions)
    folded = re.search(r'data-when="upset">\s*<details>(.*?)</details>', html, re.S).group(1)
    assert "The customer is upset" in folded and "Listen fully" in folded
    assert "Apologise at once, without admitting fault" in folded
    # Folded on a phone, open from the tablet's width.
    assert 'class="list-group list-group-flush collapse d-lg-block" id="intake-coaching"' in html
    assert 'data-bs-target="#intake-coaching"' in html


def test_in_chinese(browser_as, advisor):
    client = browser_as(advisor)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    html = aside(client.get("/complaints/new/").content.decode())
    assert all(step in html for step in STEPS_ZH)
    assert "充分倾听" in html and "让您不方便，对不起" in html
    assert "Listen attentively" not in html
    translation.activate("en")


def test_a_refused_intake_keeps_the_steps_beside_it(browser_as, advisor, shop):
    answer = browser_as(advisor).post(
        "/complaints/new/", {"shop": shop.pk, "channel": "in_person", "customer_words": ""}
    )
    assert answer.status_code == 400 and not Complaint.objects.exists()
    assert STEPS_EN[0] in aside(answer.content.decode())


def test_the_steps_are_data_a_manager_edits(browser_as, advisor):
    CoachingTip.objects.filter(
        stage="complaint_intake", language="en", short_text__startswith="1."
    ).update(short_text="1. Hear them out.")
    html = aside(browser_as(advisor).get("/complaints/new/").content.decode())
    assert "1. Hear them out." in html and STEPS_EN[0] not in html
