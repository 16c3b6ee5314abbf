import pytest
from django.urls import reverse

pytestmark = pytest.mark.smoke


def test_the_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b"vendor/bootstrap/bootstrap.min.css" in response.content


def test_pages_ask_for_a_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_logs_in_with_the_form_and_sees_their_shop_and_role(client, advisor, shop):
    response = client.post(reverse("login"), {"username": "advisor", "password": "pw"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("interactions:desk")  # lands on their work
    body = client.get(reverse("home")).content.decode()
    assert "North" in body
    assert "Service advisor" in body


def test_a_wrong_password_is_refused(client, advisor):
    response = client.post(reverse("login"), {"username": "advisor", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(browser_as, advisor):
    client = browser_as(advisor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_manager_goes_on_and_off_duty_from_the_home_page(browser_as, manager, shop):
    client = browser_as(manager)
    client.post(reverse("on-duty"), {"shop": shop.pk})
    manager.memberships.get().refresh_from_db()
    assert manager.memberships.get().on_duty is False
    response = client.post(reverse("on-duty"), {"shop": shop.pk, "on_duty": "on"}, follow=True)
    assert manager.memberships.get().on_duty is True
    assert "You are on duty" in response.content.decode()


def test_an_advisor_gets_an_error_going_on_duty(browser_as, advisor, shop):
    response = browser_as(advisor).post(
        reverse("on-duty"), {"shop": shop.pk, "on_duty": "on"}, follow=True
    )
    assert "Your role does not allow this." in response.content.decode()
    assert advisor.memberships.get().on_duty is False


def test_the_home_page_has_no_duty_button_for_an_advisor(browser_as, advisor):
    body = browser_as(advisor).get(reverse("home")).content.decode()
    assert "Go on duty" not in body


def test_a_user_without_a_shop_is_told_so(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="pw")
    client.force_login(user)
    assert "not a member of any shop" in client.get(reverse("home")).content.decode()


def test_no_page_loads_assets_from_the_internet(browser_as, advisor):
    body = browser_as(advisor).get(reverse("home")).content.decode()
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body
