import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from servicedesk.accounts.models import GroupMembership, Membership, Shop, ShopGroup

pytestmark = [pytest.mark.smoke, pytest.mark.usefixtures("seeded_demo")]

DEMO_USERS = [
    "advisor",
    "technician",
    "supervisor",
    "manager",
    "quality",
    "cashier",
    "reporting",
    "east",
    "group",
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


def test_the_demo_group_holds_both_shops_and_its_manager(db, client):
    call_command("seed_demo", "--no-logins")
    call_command("seed_demo", "--no-logins")  # again: still one group, one place in it
    group = ShopGroup.objects.get(code="demo-group")
    assert group.name.startswith("Demo Group")
    assert set(group.shops.values_list("name", flat=True)) == {"Demo", "Demo East"}
    membership = GroupMembership.objects.get(user__username="group")
    assert (membership.group, membership.role) == (group, "group_manager")
    assert not Membership.objects.filter(user__username="group").exists()
    client.post("/login/", {"username": "group", "password": "demo"})
    dashboard = client.get(f"/reports/group/{group.pk}/")
    assert dashboard.status_code == 200
    assert "Demo East" in dashboard.content.decode()
    complaints = client.get("/api/v1/complaints/")
    assert complaints.status_code == 200 and complaints.json()["count"] == 0


def test_every_demo_user_can_log_in_with_the_form(client, db):
    call_command("seed_demo")
    for username in DEMO_USERS:
        response = client.post("/login/", {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        client.post("/logout/")


def test_seed_demo_prints_a_customers_link_that_opens(db, capsys, client):
    from portal.models import CustomerLink

    call_command("seed_demo")
    out = capsys.readouterr().out
    link = CustomerLink.objects.get()
    assert f"/c/{link.token}/" in out
    assert client.get(f"/c/{link.token}/").status_code == 200
    call_command("seed_demo", "--no-logins")  # again, as `make run` does: the same live link
    assert CustomerLink.objects.count() == 1
    assert "/c/" not in capsys.readouterr().out  # printed with the logins, under the banner


def test_the_link_is_printed_at_the_address_make_run_serves(db, capsys, settings):
    """`make run PORT=8001` seeds first, then prints the logins once the server answers, with
    SITE_URL set to the address it serves: the link printed there must open."""
    from portal.models import CustomerLink

    call_command("seed_demo", "--no-logins")
    capsys.readouterr()
    settings.SITE_URL = "http://127.0.0.1:8001"
    call_command("seed_demo", "--logins-only")
    link = CustomerLink.objects.get()
    assert f"http://127.0.0.1:8001/c/{link.token}/" in capsys.readouterr().out
