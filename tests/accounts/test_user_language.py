"""Each user's own language: stored by the switcher, the account page and the API; applied at
log-in; an explicit choice after log-in stands."""

import pytest
from django.conf import settings
from django.urls import reverse

from servicedesk.accounts.models import Profile
from servicedesk.accounts.selectors import user_language
from servicedesk.accounts.services import user_set_language

COOKIE = settings.LANGUAGE_COOKIE_NAME


def stored(user) -> str:
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def log_in(client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": "pw"}, **extra)


# --- the switcher in the top bar --------------------------------------------------------------


def test_the_switcher_stores_a_logged_in_users_choice(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/account/"})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert response.cookies[COOKIE].value == "zh-hans"  # Django's behaviour is kept
    assert stored(advisor) == "zh-hans"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert stored(advisor) == "en"


def test_the_switcher_before_log_in_stores_nothing(client, advisor):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/login/"})
    assert response.cookies[COOKIE].value == "zh-hans"
    assert not Profile.objects.exists()


def test_a_language_the_site_has_not_is_neither_set_nor_stored(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert COOKIE not in response.cookies
    assert not Profile.objects.exists()


# --- log-in -------------------------------------------------------------------------------------


def test_logging_in_turns_the_site_to_the_users_language(client, advisor):
    user_set_language(user=advisor, language="zh-hans")
    client.cookies[COOKIE] = "en"  # the one before them on the counter tablet read English
    response = log_in(client, advisor)
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "zh-hans"
    page = client.get(reverse("home")).content.decode()
    assert 'lang="zh-hans"' in page and "退出" in page


def test_a_user_who_chose_no_language_keeps_the_browsers(client, advisor):
    client.cookies[COOKIE] = "en"
    response = log_in(client, advisor)
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert 'lang="en"' in client.get(reverse("home")).content.decode()


def test_a_failed_log_in_changes_no_language(client, advisor):
    user_set_language(user=advisor, language="zh-hans")
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("login"), {"username": "advisor", "password": "wrong"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies


def test_a_choice_made_after_log_in_stands(client, advisor):
    user_set_language(user=advisor, language="zh-hans")
    log_in(client, advisor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get(reverse("home")).content.decode()
    assert 'lang="en"' in client.get(reverse("account")).content.decode()
    assert stored(advisor) == "en"


# --- the account page ---------------------------------------------------------------------------


def test_the_account_page_offers_the_language(client, advisor):
    user_set_language(user=advisor, language="en")
    client.force_login(advisor)
    page = client.get(reverse("account")).content.decode()
    assert 'action="/account/language/"' in page
    assert '<option value="en" selected>English</option>' in page
    assert "简体中文" in page


def test_choosing_on_the_account_page_stores_it_and_turns_the_site(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("account-language"), {"language": "zh-hans"}, follow=True)
    assert stored(advisor) == "zh-hans"
    assert client.cookies[COOKIE].value == "zh-hans"
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    assert "已保存您的语言。" in page


def test_choosing_none_on_the_account_page_hands_it_back_to_the_shop(client, advisor):
    user_set_language(user=advisor, language="en")
    client.force_login(advisor)
    response = client.post(reverse("account-language"), {"language": ""})
    assert response.status_code == 302
    assert stored(advisor) == ""
    assert COOKIE not in response.cookies


def test_the_account_page_refuses_a_language_the_site_has_not(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("account-language"), {"language": "fr"}, follow=True)
    assert not Profile.objects.exists()
    assert "Select a valid choice" in response.content.decode()


# --- the API ------------------------------------------------------------------------------------


def test_me_shows_the_users_language(api_as, advisor):
    api = api_as(advisor)
    assert api.get("/api/v1/me/").json()["language"] == ""
    user_set_language(user=advisor, language="zh-hans")
    advisor.refresh_from_db()
    assert api_as(advisor).get("/api/v1/me/").json()["language"] == "zh-hans"


@pytest.mark.parametrize("language", ["en", "zh-hans", ""])
def test_me_changes_the_users_own_language(api_as, advisor, language):
    response = api_as(advisor).patch("/api/v1/me/", {"language": language}, format="json")
    assert response.status_code == 200
    assert response.json()["language"] == language
    assert stored(advisor) == language


def test_me_refuses_a_language_the_site_has_not(api_as, advisor):
    response = api_as(advisor).patch("/api/v1/me/", {"language": "fr"}, format="json")
    assert response.status_code == 400
    assert "language" in response.json()
    assert not Profile.objects.exists()


def test_me_changes_only_the_callers_own(api_as, advisor, manager):
    api_as(advisor).patch("/api/v1/me/", {"language": "en", "id": manager.pk}, format="json")
    assert stored(advisor) == "en"
    assert stored(manager) == ""


def test_me_without_credentials_changes_nothing(api, advisor):
    assert api.patch("/api/v1/me/", {"language": "en"}, format="json").status_code == 401
    assert not Profile.objects.exists()


def test_a_user_without_a_profile_has_no_language(advisor, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert user_language(advisor) == ""


def test_an_administrator_sees_and_sets_languages_in_the_admin(client, advisor):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_profile_add"), {"user": advisor.pk, "language": "en"}
    )
    assert response.status_code == 302
    assert stored(advisor) == "en"
    assert "advisor" in client.get(reverse("admin:accounts_profile_changelist")).content.decode()
