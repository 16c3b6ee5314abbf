"""The customer's survey page: no login, both languages, single use, expiry, CSRF."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import Survey


def url(survey, lang=None):
    return reverse("surveys:answer", args=[survey.token]) + (f"?lang={lang}" if lang else "")


ANSWER = {"csat": "5", "nps": "9", "comment": "Quick and friendly."}


def test_it_needs_no_login_and_speaks_the_customers_language(client, survey, survey_zh):
    english = client.get(url(survey))
    assert english.status_code == 200
    assert "How satisfied are you with your visit?" in english.content.decode()
    chinese = client.get(url(survey_zh))
    assert chinese.status_code == 200
    assert "您对本次服务满意吗？" in chinese.content.decode()
    assert 'lang="zh-hans"' in chinese.content.decode()


def test_the_customer_may_switch_language(client, survey_zh):
    page = client.get(url(survey_zh, "en")).content.decode()
    assert "How satisfied are you with your visit?" in page
    assert 'href="?lang=zh-hans"' in page


def test_it_is_phone_friendly(client, survey):
    page = client.get(url(survey)).content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_it_records_an_answer_in_either_language(client, survey, lang):
    response = client.post(url(survey, lang), {**ANSWER, "lang": lang})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.csat, survey.nps, survey.comment) == (5, 9, "Quick and friendly.")
    assert survey.answered_at is not None
    thanks = client.get(response.url).content.decode()
    assert ("Thank you for your answer!" if lang == "en" else "感谢您的评价！") in thanks


def test_it_is_single_use(client, survey):
    client.post(url(survey), ANSWER)
    second = client.post(url(survey), {**ANSWER, "csat": "1"})
    assert second.status_code == 200
    assert "Thank you for your answer!" in second.content.decode()
    survey.refresh_from_db()
    assert survey.csat == 5


def test_an_expired_link_shows_a_clear_page(client, survey, time_machine):
    time_machine.move_to(survey.expires_at + timedelta(seconds=1))
    response = client.get(url(survey))
    assert response.status_code == 410
    assert "This survey link has expired." in response.content.decode()
    assert client.post(url(survey), ANSWER).status_code == 410
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_unknown_token_is_404(client, db):
    assert client.get(reverse("surveys:answer", args=["nope"])).status_code == 404


def test_missing_scores_are_refused_with_a_message(client, survey):
    response = client.post(url(survey), {"csat": "", "nps": "11"})
    assert response.status_code == 400  # refused, as the status says too
    assert "Choose a satisfaction score from 1 to 5." in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).answered_at is None


def test_a_post_without_the_csrf_token_is_refused(survey):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(survey), ANSWER).status_code == 403
    page = strict.get(url(survey))
    token = page.cookies["csrftoken"].value
    assert strict.post(url(survey), {**ANSWER, "csrfmiddlewaretoken": token}).status_code == 302


def test_staff_see_the_answer_of_their_shop_only(browser_as, advisor, outsider, survey, client):
    client.post(url(survey), ANSWER)
    detail = reverse("surveys:detail", args=[survey.pk])
    assert browser_as(advisor).get(detail).status_code == 200
    assert browser_as(outsider).get(detail).status_code == 404


def test_the_staff_view_of_a_survey_needs_a_login(client, survey):
    response = client.get(reverse("surveys:detail", args=[survey.pk]))
    assert response.status_code == 302
    assert "/login/" in response.url
