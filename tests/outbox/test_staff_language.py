"""An email to a member of staff is written in the language they chose, the shop's when they
chose none; a customer's message stays in the customer's language."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from servicedesk.accounts.models import Profile
from servicedesk.accounts.services import UNKNOWN_LANGUAGE, user_set_language
from servicedesk.errors import Invalid
from servicedesk.notifications import messages
from servicedesk.outbox.models import MessageKind, OutboundMessage
from servicedesk.outbox.services import customer_message, staff_alert
from surveys import texts
from surveys.tasks import send_due
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory


def alert(shop, user, key="check-1"):
    return staff_alert(
        user=user,
        shop=shop,
        kind=MessageKind.SURVEY_CHECK,
        message=texts.SURVEY_CHECK,
        key=key,
        url="/surveys/1/",
        context={
            "customer": "Lin Hua",
            "work_order": "WO-1",
            "vehicle": "沪A12345",
            "delivered": messages.when(date(2026, 3, 2)),
        },
    )


def the_email_to(user):
    (sent,) = [m for m in mail.outbox if m.to == [user.email]]
    return sent


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    def send(shop, user):
        with django_capture_on_commit_callbacks(execute=True):
            assert alert(shop, user)
        return the_email_to(user)

    return send


def test_an_english_advisor_in_a_chinese_shop_gets_an_english_email(shop, advisor, sent):
    assert shop.language == "zh-hans"
    user_set_language(user=advisor, language="en")
    email = sent(shop, advisor)
    assert email.subject == "Satisfaction check: Lin Hua (WO-1)"
    assert "was delivered on March 2, 2026" in email.body
    assert OutboundMessage.objects.get(recipient=advisor).language == "en"


def test_a_chinese_advisor_in_an_english_shop_gets_a_chinese_email(shop, advisor, sent):
    shop.language = "en"
    shop.save()
    user_set_language(user=advisor, language="zh-hans")
    email = sent(shop, advisor)
    assert email.subject == "满意度回访：Lin Hua（WO-1）"
    assert "2026年3月2日" in email.body
    assert OutboundMessage.objects.get(recipient=advisor).language == "zh-hans"


@pytest.mark.parametrize("shop_language", ["zh-hans", "en"])
def test_an_advisor_who_chose_no_language_reads_the_shops(shop, advisor, sent, shop_language):
    shop.language = shop_language
    shop.save()
    assert not Profile.objects.filter(user=advisor).exists()
    email = sent(shop, advisor)
    assert OutboundMessage.objects.get(recipient=advisor).language == shop_language
    assert email.subject.startswith("满意度回访" if shop_language == "zh-hans" else "Satisfaction")


def test_a_blank_choice_is_the_shops_language_too(shop, advisor, sent):
    user_set_language(user=advisor, language="en")
    user_set_language(user=advisor, language="")
    assert sent(shop, advisor).subject.startswith("满意度回访")


def test_each_member_of_staff_reads_their_own(
    shop, advisor, manager, django_capture_on_commit_callbacks
):
    user_set_language(user=advisor, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        alert(shop, advisor, key="a")
        alert(shop, manager, key="b")
    assert the_email_to(advisor).subject.startswith("Satisfaction check")
    assert the_email_to(manager).subject.startswith("满意度回访")


def test_the_customer_keeps_their_own_language(shop, advisor, django_capture_on_commit_callbacks):
    user_set_language(user=advisor, language="en")
    client = CustomerFactory(
        shop=shop, name="周敏", preferred_language="zh-hans", email="zhou@example.invalid"
    )
    with django_capture_on_commit_callbacks(execute=True):
        customer_message(
            customer=client,
            kind=MessageKind.NEXT_VISIT_REMINDER,
            key="next-visit:1",
            responsible=advisor,
            context={"shop": shop.name, "phone": "", "vehicle": "", "date": "3月2日"},
        )
    (email,) = mail.outbox
    assert OutboundMessage.objects.get().language == "zh-hans"
    assert "尊敬的周敏" in email.body


def test_only_the_sites_languages_are_stored(advisor):
    with pytest.raises(Invalid) as refused:
        user_set_language(user=advisor, language="fr")
    assert refused.value.message == UNKNOWN_LANGUAGE
    assert not Profile.objects.filter(user=advisor).exists()


def test_the_jobs_reminder_reaches_the_advisor_in_their_language(
    shop, advisor, time_machine, django_capture_on_commit_callbacks
):
    """The satisfaction follow-up job (Celery) writes to the Chinese-speaking customer in
    Chinese and to the advisor, who reads English, in English."""
    user_set_language(user=advisor, language="en")
    client = CustomerFactory(
        shop=shop,
        name="周敏",
        preferred_language="zh-hans",
        email="zhou@example.invalid",
        preferred_channel="email",
    )
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    delivered = datetime(2026, 3, 2, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    order.status, order.delivered_at = "delivered", delivered
    order.save()
    time_machine.move_to(delivered + timedelta(days=3), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due.delay().get() == 1
    assert the_email_to(advisor).subject == f"Satisfaction check: 周敏 ({order.number})"
    (to_customer,) = [m for m in mail.outbox if m.to == ["zhou@example.invalid"]]
    assert "周敏" in to_customer.body and "How was your visit" not in to_customer.subject
