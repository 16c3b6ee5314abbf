"""The history names sources, remedies and opinions in the reader's language, whatever language
the person who acted was using; the people in it are named as colleagues know them."""

from django.utils import translation

from complaints import services
from tests.complaints.factories import ComplaintFactory


def test_the_history_reads_in_the_readers_language(browser_as, advisor, manager, shop, carry):
    advisor.first_name, advisor.last_name = "Wei", "Li"
    advisor.save(update_fields=["first_name", "last_name"])
    with translation.override("en"):
        complaint = ComplaintFactory(shop=shop, user=advisor)
        carry(complaint, "investigating")
        services.remedy_propose(
            complaint_pk=complaint.pk, user=advisor, kind="discount", amount="150"
        )
    client = browser_as(manager)
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "客户直接反映" in chinese and "Directly from the customer" not in chinese
    assert "待审批" in chinese and "Awaiting approval" not in chinese
    assert "Wei Li" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "Directly from the customer" in english and "Awaiting approval" in english
