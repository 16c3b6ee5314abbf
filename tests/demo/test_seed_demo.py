import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from servicedesk.accounts.models import Membership, Shop

pytestmark = pytest.mark.smoke

DEMO_USERS = [
    "advisor",
    "technician",
    "supervisor",
    "manager",
    "quality",
    "cashier",
    "reporting",
    "east",
]


def test_seed_demo_creates_the_demo_shops_and_staff(db, capsys):
    call_command("seed_demo")
    assert set(Shop.objects.values_list("name", flat=True)) == {"Demo", "Demo East"}
    User = get_user_model()
    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password("demo")
    assert Membership.objects.get(user__username="east").shop.name == "Demo East"
    assert Membership.objects.get(user__username="manager").on_duty
    out = capsys.readouterr().out
    for username in DEMO_USERS:
        assert username in out


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    counts = (Shop.objects.count(), Membership.objects.count(), get_user_model().objects.count())
    capsys.readouterr()
    call_command("seed_demo", "--no-logins")  # as `make run` calls it: the logins come later
    assert "Logins" not in capsys.readouterr().out
    assert (
        Shop.objects.count(),
        Membership.objects.count(),
        get_user_model().objects.count(),
    ) == counts


def test_every_demo_user_can_log_in_with_the_form(client, db):
    call_command("seed_demo")
    for username in DEMO_USERS:
        response = client.post("/login/", {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        client.post("/logout/")


def test_seed_demo_prints_a_customers_link_that_opens(db, capsys, client):
    from portal.models import CustomerLink

    call_command("seed_demo", "--no-logins")
    out = capsys.readouterr().out
    link = CustomerLink.objects.get()
    assert f"/c/{link.token}/" in out
    assert client.get(f"/c/{link.token}/").status_code == 200
    call_command("seed_demo", "--no-logins")  # again: the same live link
    assert CustomerLink.objects.count() == 1
    assert f"/c/{link.token}/" in capsys.readouterr().out
