"""The top bar and where each role lands: one registry (servicedesk.navigation) says which
entries are a role's main destinations (in the bar from a tablet's width up) and where the
role starts its day after logging in."""

import pytest

from servicedesk.navigation import items_for_roles, landing_for_roles

LANDINGS = {
    "advisor": "/desk/",
    "manager": "/complaints/approvals/",
    "supervisor": "/complaints/approvals/",
    "cashier": "/complaints/deductions/",
    "technician": "/work-orders/",
    "quality": "/complaints/actions/",
    "reporting": "/reports/",
}


@pytest.mark.parametrize("role", list(LANDINGS))
def test_each_role_lands_on_its_work(client, request, role):
    user = request.getfixturevalue(role)
    r = client.post("/login/", {"username": user.username, "password": "pw"})
    assert r.status_code == 302
    assert client.get(r["Location"]).url == LANDINGS[role]


def test_a_login_with_a_next_page_goes_there(client, advisor):
    r = client.post("/login/?next=/customers/", {"username": "advisor", "password": "pw"})
    assert r["Location"] == "/customers/"


def test_the_home_page_is_still_there_for_the_on_duty_switch(browser_as, manager):
    page = browser_as(manager).get("/").content.decode()
    assert "Go off duty" in page


def test_the_landing_is_the_first_of_the_users_roles(db):
    assert landing_for_roles({"manager", "advisor"}) == "/desk/"
    assert landing_for_roles(set()) is None


def test_a_managers_bar_holds_a_few_main_destinations_and_more(browser_as, manager):
    page = browser_as(manager).get("/complaints/approvals/").content.decode()
    bar, more = page.split('id="nav-more"', 1)
    bar = bar.split('id="mainnav"', 1)[1]
    more = more.split("</ul>", 1)[0]
    for label in ("Approvals", "Escalations", "Complaints", "Reports"):
        assert f">{label}</a>" in bar
    for label in ("Team today", "Communication log", "Supplier deductions", "Home"):
        assert f">{label}</a>" in more and f">{label}</a>" not in bar
    assert bar.count('class="nav-link') <= 6


def test_the_current_page_is_marked_in_the_bar(browser_as, manager):
    page = browser_as(manager).get("/complaints/approvals/").content.decode()
    assert 'active" aria-current="page" href="/complaints/approvals/"' in page


def test_the_bar_rendered_once_follows_the_page_the_language_and_the_person(
    browser_as, manager, advisor
):
    """The menus are rendered once per roles, language and page, then reused
    (servicedesk/accounts/templatetags/topbar.py): what is reused must still be each page's."""
    client = browser_as(manager)
    approvals = client.get("/complaints/approvals/").content.decode()
    complaints = client.get("/complaints/").content.decode()
    assert 'aria-current="page" href="/complaints/approvals/"' in approvals
    assert 'aria-current="page" href="/complaints/approvals/"' not in complaints
    assert 'aria-current="page" href="/complaints/"' in complaints
    chinese = client.get("/complaints/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ">审批</a>" in chinese and ">Approvals</a>" not in chinese
    desk = browser_as(advisor).get("/complaints/").content.decode()
    assert ">My desk</a>" in desk and ">Approvals</a>" not in desk
    assert ">Administration</a>" not in desk
    manager.is_staff = True
    manager.save(update_fields=["is_staff"])
    staff_page = browser_as(manager).get("/complaints/").content.decode()
    assert ">Administration</a>" in staff_page


@pytest.mark.parametrize(
    "roles,main",
    [
        ({"advisor"}, ["My desk", "Customers", "Work orders", "Complaints"]),
        ({"cashier"}, ["Supplier deductions", "To pay customers"]),
        ({"technician"}, ["Customers", "Work orders"]),
        ({"quality"}, ["Complaints", "Corrective actions", "Reports"]),
        ({"reporting"}, ["Reports"]),
    ],
)
def test_each_role_has_its_main_destinations(db, roles, main):
    assert [str(i["label"]) for i in items_for_roles(roles) if i["main"]] == main
