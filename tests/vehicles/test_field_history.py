"""Field edits of customers, vehicles, work orders and their lines are kept (django-simple-history):
what changed, who changed it and when — from a page, the API, or a job with no request."""

from django.urls import reverse

from vehicles import services


def latest(record):
    return record.history.first()


def changed(row) -> list[str]:
    return sorted(row.diff_against(row.prev_record).changed_fields)


def test_an_edit_without_a_user_is_kept_with_no_author(zhou):
    """The demo and the system itself call services with no user: nothing breaks."""
    services.customer_update(customer=zhou, notes="From the demo")
    row = latest(zhou)
    assert changed(row) == ["notes"] and row.history_user is None


def test_the_edit_page_records_the_signed_in_user(browser_as, manager, zhou):
    data = {
        "name": zhou.name,
        "phone": zhou.phone,
        "email": zhou.email,
        "preferred_channel": "wechat",
        "preferred_language": zhou.preferred_language,
        "main_concern": zhou.main_concern,
        "customer_type": zhou.customer_type,
        "notes": zhou.notes,
    }
    page = browser_as(manager).post(reverse("vehicles:customer-edit", args=[zhou.pk]), data)
    assert page.status_code == 302, page.content.decode()[:2000]
    row = latest(zhou)
    assert changed(row) == ["preferred_channel"] and row.history_user == manager


def test_the_api_records_the_authenticated_user(api_as, advisor, zhou):
    answer = api_as(advisor).patch(
        f"/api/v1/customers/{zhou.pk}/", {"notes": "Call after 5"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    row = latest(zhou)
    assert changed(row) == ["notes"] and row.history_user == advisor
