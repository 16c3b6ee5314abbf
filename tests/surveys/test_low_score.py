"""A low score is followed up: a task for the manager, or a complaint, by shop setting."""

import pytest
from django.urls import reverse

from complaints.models import Complaint, Source
from servicedesk.notifications.models import Notification
from surveys import services, texts
from surveys.models import LowScoreAction, SurveySettings


def answer(survey, csat, nps, comment=""):
    return services.survey_answer(token=survey.token, csat=csat, nps=nps, comment=comment)


def test_a_good_score_opens_nothing(survey, manager):
    answered = answer(survey, 4, 8)
    assert not answered.low_score
    assert not Notification.objects.filter(recipient=manager).exists()
    assert not Complaint.objects.exists()


def test_a_low_score_is_a_task_for_the_manager_on_duty(survey, manager, advisor):
    answered = answer(survey, 2, 8, "Waited too long.")
    assert answered.low_score
    note = Notification.objects.get(recipient=manager)
    assert note.kind == "low_score"
    assert note.url == reverse("surveys:detail", args=[survey.pk])
    assert "Lin Hua" in note.title
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(("csat", "nps", "low"), [(3, 4, True), (3, 5, False), (2, 10, True)])
def test_the_shops_thresholds_decide(shop, survey, manager, csat, nps, low):
    SurveySettings.objects.create(shop=shop, low_csat_at_most=2, low_nps_at_most=4)
    assert answer(survey, csat, nps).low_score is low


def test_by_shop_setting_a_low_score_opens_a_complaint(shop, survey, manager):
    SurveySettings.objects.create(shop=shop, low_score_action=LowScoreAction.COMPLAINT)
    answered = answer(survey, 1, 0, "The scratch is still there.")
    complaint = Complaint.objects.get()
    assert answered.complaint == complaint
    assert complaint.source == Source.SURVEY
    assert complaint.customer_words == "The scratch is still there."
    assert complaint.work_order_id == survey.work_order_id
    assert complaint.received_by is None
    note = Notification.objects.get(recipient=manager, message=texts.LOW_SCORE)
    assert note.url == reverse("complaints:detail", args=[complaint.pk])


def test_a_complaint_without_a_comment_states_the_scores_in_the_shops_language(
    shop, survey, manager
):
    SurveySettings.objects.create(shop=shop, low_score_action=LowScoreAction.COMPLAINT)
    answer(survey, 1, 2)
    assert shop.language == "zh-hans"
    assert Complaint.objects.get().customer_words == "满意度调查低分：满意度1/5，推荐意愿2/10。"


def test_with_no_manager_on_duty_every_manager_is_told(shop, survey, manager):
    from servicedesk.accounts.models import Membership

    Membership.objects.filter(user=manager).update(on_duty=False)
    answer(survey, 1, 1)
    assert Notification.objects.filter(recipient=manager, kind="low_score").count() == 1
