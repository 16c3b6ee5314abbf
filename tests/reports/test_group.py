"""The dealer group: a member of a group of shops reads the reports of every shop of the group
(the dashboard comparing them, and each shop's own reports), nothing of a shop outside the group
(404), and none of the group's shops' records (a reader, not a member)."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reports.figures import compute_period
from reports.figures.group import QUALITY, shop_bounds
from reports.figures.quality import compute_quality
from reports.forms import FROM_AFTER_TO
from servicedesk.accounts.models import GroupMembership, GroupRole, Membership, Role, ShopGroup
from servicedesk.exports import XLSX_CONTENT_TYPE
from tests.factories import ShopFactory, UserFactory, staff

from .dataset import YEAR, _complaint, at

pytestmark = pytest.mark.django_db

PERIOD = {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"}


@pytest.fixture
def far_shop(db):
    return ShopFactory(name="East", code="east")


@pytest.fixture
def group(shop, other_shop):
    found = ShopGroup.objects.create(name="Dealer", code="dealer")
    found.shops.set([shop, other_shop])
    return found


@pytest.fixture
def group_user(group):
    user = UserFactory(username="group-manager")
    GroupMembership.objects.create(user=user, group=group, role=GroupRole.GROUP_MANAGER)
    return user


@pytest.fixture
def other_group(far_shop):
    found = ShopGroup.objects.create(name="Elsewhere", code="elsewhere")
    found.shops.set([far_shop])
    return found


# --- the group dashboard ------------------------------------------------------------------


def test_the_api_compares_the_groups_shops(
    api_as, group_user, group, shop, other_shop, year_of_records
):
    response = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD)
    assert response.status_code == 200, response.content
    data = response.json()
    assert [s["id"] for s in data["shops"]] == [shop.pk, other_shop.pk]  # North, South by name
    assert data["from"] == PERIOD["from"] and data["to"] == PERIOD["to"]
    assert data["as_of"]
    rows = {row["key"]: row for row in data["rows"]}
    north = {key: row["cells"][0]["value"] for key, row in rows.items()}
    # The hand-computed year of tests/reports/test_compute_annual.py.
    assert north["interactions"] == 3
    assert north["work_orders_delivered"] == 4
    assert north["complaints"] == 5
    assert north["reopen_rate"] is not None and north["complaint_money"] is not None
    for key, row in rows.items():
        for cell, each in zip(row["cells"], (shop, other_shop), strict=True):
            begin, end = shop_bounds(each, *_dates(), _now())
            if key in QUALITY:  # the quality page's headline, as that page gives it
                trend = compute_quality(each, begin, end, now=_now())["trend"]
                expected = trend["current"][QUALITY[key]]
            else:
                expected = compute_period(each, begin, end, now=_now())["current"][key]
            assert cell["value"] == expected, key
    interactions = rows["interactions"]
    assert interactions["group_kind"] == "total"
    assert interactions["group"] == sum(c["value"] for c in interactions["cells"])
    complaints = rows["complaints"]["cells"]
    if complaints[0]["value"] != complaints[1]["value"]:
        fewer = min(complaints, key=lambda c: c["value"])
        assert fewer["best"] and not fewer["worst"]


def _dates():
    from datetime import date

    return date(YEAR, 1, 1), date(YEAR, 12, 31)


def _now():
    from django.utils import timezone

    return timezone.now()


def test_the_page_shows_the_shops_side_by_side(
    browser_as, group_user, group, shop, year_of_records
):
    response = browser_as(group_user).get(f"/reports/group/{group.pk}/", PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "North" in page and "South" in page
    assert f'href="/reports/?shop={shop.pk}"' in page
    assert "sd-group-table" in page  # the table scrolls in its own box
    assert "as of" in page


def test_the_page_reads_in_chinese(browser_as, group_user, group):
    client = browser_as(group_user)
    page = client.get(
        f"/reports/group/{group.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "集团" in page


def test_a_backwards_range_is_refused_with_what_was_typed(browser_as, api_as, group_user, group):
    typed = {"from": f"{YEAR}-06-01", "to": f"{YEAR}-02-01"}
    page = browser_as(group_user).get(f"/reports/group/{group.pk}/", typed)
    assert page.status_code == 400
    content = page.content.decode()
    assert str(FROM_AFTER_TO) in content
    assert f'value="{YEAR}-06-01"' in content and f'value="{YEAR}-02-01"' in content
    api = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", typed)
    assert api.status_code == 400
    assert "to" in api.json()
    bad = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", {"from": "soon"})
    assert bad.status_code == 400 and "from" in bad.json()


def test_the_default_period_is_this_year_so_far(api_as, group_user, group):
    from django.utils import timezone

    data = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/").json()
    today = timezone.localdate()
    assert data["from"] == f"{today.year}-01-01" and data["to"] == today.isoformat()


def test_the_comparison_is_cached_with_its_moment(
    api_as, group_user, group, django_assert_max_num_queries
):
    client = api_as(group_user)
    first = client.get(f"/api/v1/reports/group/{group.pk}/").json()
    with django_assert_max_num_queries(3):  # the user's groups; the figures come from the cache
        again = client.get(f"/api/v1/reports/group/{group.pk}/").json()
    assert again["as_of"] == first["as_of"]


def test_only_the_groups_members_see_it(
    browser_as, api_as, group, other_group, manager, group_user
):
    for user in (manager, UserFactory(username="nobody")):
        assert browser_as(user).get(f"/reports/group/{group.pk}/").status_code == 404
        assert api_as(user).get(f"/api/v1/reports/group/{group.pk}/").status_code == 404
    assert browser_as(group_user).get(f"/reports/group/{other_group.pk}/").status_code == 404
    assert api_as(group_user).get(f"/api/v1/reports/group/{other_group.pk}/").status_code == 404
    assert api_as(group_user).get("/api/v1/reports/group/999999/").status_code == 404


# --- a group member reads the group's shops' reports, and nothing else -------------------------


def test_a_group_member_reads_each_shops_reports(browser_as, api_as, group_user, shop, other_shop):
    client = browser_as(group_user)
    for each in (shop, other_shop):
        assert client.get("/reports/", {"shop": each.pk}).status_code == 200
        page = client.get(f"/reports/annual-satisfaction/{YEAR}/", {"shop": each.pk})
        assert page.status_code == 200
        api = api_as(group_user).get(
            f"/api/v1/reports/annual-satisfaction/{YEAR}/", {"shop": each.pk}
        )
        assert api.status_code == 404 and api.json().get("code") == "not_computed"
    dashboard = client.get("/reports/").content.decode()
    assert "North" in dashboard and "South" in dashboard


def test_refreshing_stays_with_the_shops_managers(browser_as, api_as, group_user, shop):
    page = browser_as(group_user).post(
        f"/reports/annual-satisfaction/{YEAR}/refresh/?shop={shop.pk}"
    )
    assert page.status_code == 403
    api = api_as(group_user).post(
        f"/api/v1/reports/annual-satisfaction/{YEAR}/refresh/?shop={shop.pk}"
    )
    assert api.status_code == 403


def test_a_shop_outside_the_group_answers_404(browser_as, api_as, group_user, far_shop):
    client = browser_as(group_user)
    assert client.get("/reports/", {"shop": far_shop.pk}).status_code == 404
    assert (
        client.get(f"/reports/annual-satisfaction/{YEAR}/", {"shop": far_shop.pk}).status_code
        == 404
    )
    assert (
        client.get(
            f"/reports/annual-satisfaction/{YEAR}/report.pdf", {"shop": far_shop.pk}
        ).status_code
        == 404
    )
    api = api_as(group_user)
    assert (
        api.get(f"/api/v1/reports/annual-satisfaction/{YEAR}/", {"shop": far_shop.pk}).status_code
        == 404
    )
    assert "East" not in client.get("/reports/").content.decode()


def test_a_group_member_opens_no_records_of_the_groups_shops(
    browser_as, api_as, group_user, shop, year_of_records
):
    from complaints.models import Complaint
    from vehicles.models import Customer, WorkOrder

    complaint = Complaint.objects.filter(shop=shop).first()
    order = WorkOrder.objects.filter(shop=shop).first()
    customer = Customer.objects.filter(shop=shop).first()
    client = browser_as(group_user)
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 404
    assert client.get(f"/work-orders/{order.pk}/").status_code == 404
    assert client.get(f"/customers/{customer.pk}/").status_code == 404
    api = api_as(group_user)
    assert api.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404
    assert api.get(f"/api/v1/work-orders/{order.pk}/").status_code == 404
    for url in (
        "/api/v1/complaints/",
        "/api/v1/work-orders/",
        "/api/v1/customers/",
        "/api/v1/interactions/",
    ):
        assert api.get(url).json()["count"] == 0, url
    # Writes: refused before the body is read (no shop role may write), or 404 for the record.
    assert api.post(
        f"/api/v1/complaints/{complaint.pk}/transition/", {"to": "investigating"}, format="json"
    ).status_code in (403, 404)
    assert api.patch(
        f"/api/v1/complaints/{complaint.pk}/", {"severity": "high"}, format="json"
    ).status_code in (403, 404)


def test_a_shop_member_also_in_the_group_keeps_their_role(browser_as, group, shop, other_shop):
    advisor = staff("advisor-in-group", shop, Role.ADVISOR)
    GroupMembership.objects.create(user=advisor, group=group, role=GroupRole.GROUP_QUALITY)
    client = browser_as(advisor)
    assert client.get("/reports/", {"shop": other_shop.pk}).status_code == 200
    assert client.get(f"/reports/group/{group.pk}/").status_code == 200
    assert client.get("/customers/").status_code == 200  # still their own shop's desk


def test_a_large_groups_shops_are_compared_not_each_computed(
    browser_as, group_user, group, shop, settings
):
    """A dealer group of hundreds of shops: the reports home and the home panel compute the
    year so far of the shops the user works in, not of every shop of their groups (each costs
    the dashboard's queries); the rest are on the group dashboard, which says how many."""
    settings.GROUP_INLINE_SHOPS = 3
    group.shops.add(*(ShopFactory(name=f"Branch {n}", code=f"branch-{n}") for n in range(4)))
    client = browser_as(group_user)
    page = client.get("/reports/").content.decode()
    assert "Branch" not in page and "North" not in page
    assert "6 more shops of your groups" in page  # North, South and the four branches
    assert f'href="/reports/group/{group.pk}/"' in page
    panel = client.get("/reports/panel/").content.decode()
    assert "6 more shops of your groups" in panel
    assert f'href="/reports/group/{group.pk}/"' in panel
    chinese = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "您所在集团还有 6 家门店" in chinese

    # A member of one of the shops sees that shop's year so far, the others counted.
    Membership.objects.create(user=group_user, shop=shop, role=Role.MANAGER)
    page = client.get("/reports/").content.decode()
    assert "North" in page and "Branch" not in page
    assert "5 more shops of your groups" in page


@pytest.fixture
def large(settings):
    """The group counts as large: more of its shops to compute than a request does itself."""
    settings.GROUP_INLINE_SHOPS = 1


def test_a_large_groups_comparison_is_computed_by_a_job_whose_progress_shows(
    browser_as,
    api_as,
    group_user,
    group,
    year_of_records,
    large,
    django_capture_on_commit_callbacks,
):
    from reports import services

    client = browser_as(group_user)
    with django_capture_on_commit_callbacks() as queued:
        page = client.get(f"/reports/group/{group.pk}/", PERIOD)
        again = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD)
    assert len(queued) == 1  # one job for the group and period, however many ask
    text = page.content.decode()
    assert "0 of 2 shops" in text and 'role="progressbar"' in text
    assert "sd-group-table" not in text
    assert again.status_code == 202
    assert again.json() == {"status": "computing", "done": 0, "total": 2}
    assert again["Retry-After"] == "5"
    progress = client.get(f"/reports/group/{group.pk}/progress/", PERIOD)
    assert "0 of 2 shops" in progress.content.decode() and "HX-Refresh" not in progress
    assert client.get(f"/reports/group/{group.pk}/figures.csv", PERIOD).status_code == 302

    queued[0]()  # the worker runs the job: each shop's figures, then the comparison
    done = client.get(f"/reports/group/{group.pk}/progress/", PERIOD)
    assert done["HX-Refresh"] == "true"
    assert "sd-group-table" in client.get(f"/reports/group/{group.pk}/", PERIOD).content.decode()
    answer = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD)
    assert answer.status_code == 200
    assert [s["code"] for s in answer.json()["shops"]] == [s.code for s in group.shops.all()]
    # Run again (a redelivered message), the job finds every shop computed.
    start, end = (date.fromisoformat(PERIOD[k]) for k in ("from", "to"))
    assert services.group_comparison_compute(group_id=group.pk, start=start, end=end) == 0


def test_a_large_groups_figures_are_those_of_the_comparison_made_at_once(
    api_as, group_user, group, year_of_records, settings, django_capture_on_commit_callbacks
):
    """Shop by shop in a job or all at once in the request: the same answer."""
    from django.core.cache import cache

    at_once = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD).json()
    cache.clear()
    settings.GROUP_INLINE_SHOPS = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD).status_code == 202
        )
    by_job = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD).json()
    assert by_job.pop("as_of") and at_once.pop("as_of")
    assert by_job == at_once


def test_the_progress_of_a_group_one_does_not_read_is_404(browser_as, group_user, other_group):
    response = browser_as(group_user).get(f"/reports/group/{other_group.pk}/progress/", PERIOD)
    assert response.status_code == 404


# --- home and navigation ------------------------------------------------------------------


def test_a_group_only_user_lands_on_their_group(browser_as, group_user, group):
    from django.urls import reverse

    client = browser_as(group_user)
    # After logging in: their group dashboards (the only group's dashboard at once).
    assert client.get(reverse("landing")).url == "/reports/group/"
    home = client.get("/").content.decode()
    assert "Dealer" in home and "Group manager" in home
    assert 'href="/reports/group/"' in home
    assert "You are not a member of any shop yet" not in home
    assert client.get("/reports/group/").url == f"/reports/group/{group.pk}/"
    assert "This year so far" in client.get("/reports/panel/").content.decode()


def test_a_user_in_two_groups_chooses(browser_as, group_user, other_group):
    GroupMembership.objects.create(user=group_user, group=other_group, role=GroupRole.GROUP_QUALITY)
    page = browser_as(group_user).get("/reports/group/")
    assert page.status_code == 200
    assert "Dealer" in page.content.decode() and "Elsewhere" in page.content.decode()


def test_every_page_of_a_group_only_users_top_bar_opens(browser_as, group_user, group):
    client = browser_as(group_user)
    home = client.get("/")
    reached = [item["url"] for item in home.context["nav_items"]]
    reached += [item["url"] for item in home.context["nav_shortcuts"]]
    assert "/reports/group/" in reached and "/reports/" in reached
    for url in [*reached, "/account/"]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


# --- files and cost -----------------------------------------------------------------------


def test_the_comparison_as_csv_and_xlsx(browser_as, group_user, group, shop, year_of_records):
    client = browser_as(group_user)
    page = client.get(f"/reports/group/{group.pk}/", PERIOD).content.decode()
    assert f"/reports/group/{group.pk}/figures.xlsx?from={YEAR}-01-01" in page
    api = {
        row["key"]: row
        for row in client.get(f"/api/v1/reports/group/{group.pk}/", PERIOD).json()["rows"]
    }

    response = client.get(f"/reports/group/{group.pk}/figures.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    assert f"group-dealer-{YEAR}-01-01-{YEAR}-12-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Figure", "North", "North · Change", "South", "South · Change", "Group"]
    complaints = next(r for r in rows if r[0] == "Complaints")
    assert float(complaints[1]) == api["complaints"]["cells"][0]["value"]
    assert float(complaints[5]) == api["complaints"]["group"]

    response = client.get(f"/reports/group/{group.pk}/figures.xlsx", PERIOD)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Complaints"][1] == api["complaints"]["cells"][0]["value"]  # a number
    assert sheet.title == "Dealer"

    chinese = client.get(
        f"/reports/group/{group.pk}/figures.csv", PERIOD, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    with translation.override("zh-hans"):
        assert chinese.content.decode("utf-8-sig").startswith(translation.gettext("Figure"))


def test_the_files_of_another_group_or_a_bad_period_are_refused(
    browser_as, group_user, other_group
):
    client = browser_as(group_user)
    assert client.get(f"/reports/group/{other_group.pk}/figures.csv", PERIOD).status_code == 404
    assert client.get(f"/reports/group/{other_group.pk}/figures.xlsx", PERIOD).status_code == 404
    backwards = {"from": f"{YEAR}-06-01", "to": f"{YEAR}-02-01"}
    own = ShopGroup.objects.get(code="dealer")
    assert client.get(f"/reports/group/{own.pk}/figures.csv", backwards).status_code == 400


def test_the_comparisons_queries_do_not_grow_with_the_records(
    api_as, group_user, group, shop, year_of_records
):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD)
            assert response.status_code == 200
        return len(ctx.captured_queries)

    queries()  # the process's first request reads what it then keeps (the session's user...)
    before = queries()
    for day in range(1, 20):
        received = at(YEAR, 3, day)
        _complaint(
            shop, received, respond=1, response_due=2, resolve=30, resolution_due=48, close=40
        )
    assert queries() == before


def test_with_a_cache_per_process_a_large_group_is_computed_in_the_request(
    api_as, group_user, group, year_of_records, large, settings
):
    """The embedded default's cache is each process's own: a worker's figures would never reach
    the page, so the request computes them, however many shops."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = api_as(group_user).get(f"/api/v1/reports/group/{group.pk}/", PERIOD)
    assert response.status_code == 200
    assert len(response.json()["shops"]) == 2
