"""Demo history: the complaints of the year at "Demo", each written as the services would have
written it then (the row, its remedies, corrective actions, follow-ups and history rows, in
order), from a fixed list of stories."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from complaints.models import (
    MONEY_KINDS,
    Complaint,
    ComplaintHistory,
    CorrectiveAction,
    CustomerSettlement,
    FollowUp,
    HistoryKind,
    Opinion,
    Remedy,
    RemedyKind,
    RemedyStatus,
    Source,
    State,
)
from complaints.services import policy_for_shop
from demo.history_numbers import numbers_take

COMPLAINTS = [
    # month offset (back from now), words, severity, category, responsibility, end state, late
    (13, "保养后机油盖没拧紧，发动机舱都是油。", "normal", "workmanship", "staff", "closed", False),
    (12, "The invoice charged labour twice.", "minor", "billing", "staff", "closed", False),
    (11, "等了一个半小时才有人接待。", "minor", "waiting_time", "shop", "closed", False),
    (10, "新换的轮胎一个月就鼓包了。", "critical", "product_quality", "supplier", "closed", True),
    (9, "空调修好一周又不凉了。", "normal", "workmanship", "shop", "closed", False),
    (8, "顾问态度很不耐烦。", "normal", "staff_attitude", "staff", "closed", False),
    (7, "You replaced the wrong wiper blades.", "minor", "service_content_error", "staff",
     "closed", False),
    (6, "刹车片更换后刹车发软。", "critical", "workmanship", "shop", "closed", True),
    (5, "约好的时间到了车还没开始修。", "normal", "waiting_time", "shop", "closed", False),
    (4, "蓄电池三个月就没电了。", "normal", "product_quality", "supplier", "closed", False),
    (3, "座椅上有油手印。", "minor", "workmanship", "staff", "closed", False),
    (2, "收费比报价高了两百元。", "normal", "billing", "shop", "closed", True),
    (2, "The car was not washed as promised.", "minor", "other", "customer", "follow_up", False),
    (1, "洗车时刮花了后视镜。", "normal", "workmanship", "shop", "corrective_action", False),
    (0, "电话打了三次都没人接。", "minor", "staff_attitude", "undetermined", "investigating",
     False),
]  # fmt: skip

ROOT_CAUSES = {
    # category: root cause, corrective action, preventive action
    "workmanship": ("作业后未按检查表复检", "返工并复检", "交车前增加复检签字"),
    "billing": ("结算时未与报价单核对", "退还差额并致歉", "结算前由收银员核对报价单"),
    "waiting_time": ("预约排程超出工位能力", "调整当日排程", "按工位能力限制预约数量"),
    "product_quality": ("供方该批次配件质量问题", "更换合格配件", "该供方配件入库抽检"),
    "staff_attitude": ("接待礼仪培训不足", "当面致歉并辅导", "每月接待礼仪培训"),
    "service_content_error": ("施工单项目与客户确认不一致", "按确认内容重新施工",
                              "施工前与客户逐项确认"),
    "other": ("洗车项目漏做", "补做洗车", "交车检查表增加洗车项"),
}  # fmt: skip


class _Story:
    """One complaint written as the services would have: the row and its history, in order."""

    def __init__(self, complaint):
        self.c = complaint
        self.history = []
        self.remedies, self.actions, self.follow_ups = [], [], []

    def log(self, at, kind, by, *, note="", from_state="", to_state="", changes=None):
        self.history.append(
            ComplaintHistory(
                complaint=self.c, kind=kind, at=at, by=by, note=note, from_state=from_state,
                to_state=to_state, changes=changes or {},
            )
        )  # fmt: skip

    def move(self, at, by, to):
        self.log(at, HistoryKind.TRANSITION, by, from_state=self.c.state, to_state=to)
        self.c.state = to
        self.c.version += 1


def complaints_write(rng, shop, orders, users, now):
    advisor, manager, quality = users["advisor"], users["manager"], users["quality"]
    policy = policy_for_shop(shop.pk)
    stories, complained = [], set()
    dated = sorted(
        ((now - timedelta(days=30 * row[0] + rng.randint(3, 20)), row) for row in COMPLAINTS),
        key=lambda pair: pair[0],
    )  # numbered in the order received, as the intake numbers them
    for day, (_m, words, severity, category, responsibility, end, late) in dated:
        candidates = [
            w
            for w in orders
            if day - timedelta(days=20) < w.delivered_at < day - timedelta(days=2)
            and w.customer_id not in complained
        ]
        wo = rng.choice(candidates) if candidates else None
        if wo is not None:
            complained.add(wo.customer_id)
        local = timezone.localtime(day, ZoneInfo(shop.timezone))
        received = local.replace(hour=9, minute=0) + timedelta(minutes=rng.randint(0, 480))
        english = words[0].isascii()
        complaint = Complaint(
            shop=shop, source=Source.DIRECT, channel=rng.choice(["in_person", "phone"]),
            customer=wo.customer if wo else None, customer_name="" if wo else "Walk-in",
            vehicle=wo.vehicle if wo else None, work_order=wo, customer_words=words,
            requested_remedy="A refund of the difference" if english else "免费返工并道歉",
            received_by=advisor, received_at=received, severity=severity,
            first_response_due=received + policy.response_delta(severity),
            resolution_due=received + policy.resolution_delta(severity),
        )  # fmt: skip
        stories.append((_Story(complaint), category, responsibility, end, late))
    # Numbered in the order received, from the shop's counter, as the intake numbers them.
    moments = [s.c.received_at for s, *_ in stories]
    for (story, *_), (year, sequence, number) in zip(
        stories, numbers_take(shop, moments, kind="C"), strict=True
    ):
        story.c.year, story.c.sequence, story.c.number = year, sequence, number
    Complaint.objects.bulk_create([s.c for s, *_ in stories])

    for story, category, responsibility, end, late in stories:
        c = story.c
        t = c.received_at
        story.log(t, HistoryKind.OPENED, advisor, to_state=State.RECEIVED,
                  note=str(Source.DIRECT.label), changes={"source": Source.DIRECT})  # fmt: skip
        # First response: critical ones at once, the others within (or past) their clock.
        target = policy.response_delta(c.severity)
        t += target * rng.uniform(0.2, 0.9)  # a critical one (no minutes allowed): at once
        if late:
            t += timedelta(hours=rng.randint(2, 5))
        c.immediate_response = "向客户致歉并说明处理安排。"
        c.first_responded_at = t
        story.move(t, advisor, State.INVESTIGATING)
        story.log(t + timedelta(minutes=1), HistoryKind.EDIT, advisor,
                  changes={"immediate_response": ["", c.immediate_response]})  # fmt: skip
        c.version += 1
        if end == State.INVESTIGATING:
            continue
        t += timedelta(hours=rng.randint(2, 8))
        c.category, c.responsibility = category, responsibility
        story.log(
            t,
            HistoryKind.EDIT,
            manager,
            changes={"category": ["", category], "responsibility": ["", responsibility]},
        )
        c.version += 1  # fmt: skip
        t += timedelta(minutes=30)
        story.move(t, advisor, State.RESOLVING)
        amount = Decimal(rng.choice(["100", "150", "200", "380"]))
        for kind, money, status in (
            (RemedyKind.APOLOGY, Decimal("0"), RemedyStatus.NOT_REQUIRED),
            (rng.choice([RemedyKind.DISCOUNT, RemedyKind.REWORK]), amount, RemedyStatus.PENDING),
        ):
            if kind == RemedyKind.REWORK:
                money, status = Decimal("0"), RemedyStatus.NOT_REQUIRED
            t += timedelta(minutes=10)
            remedy = Remedy(complaint=c, kind=kind, amount=money, proposed_by=advisor,
                            proposed_at=t, status=status)  # fmt: skip
            story.remedies.append(remedy)
            if status == RemedyStatus.PENDING:
                remedy.status = RemedyStatus.APPROVED
                remedy.decided_by, remedy.decided_at = manager, t + timedelta(hours=1)
                remedy.decision_note = "同意"
        # Resolved within the clock, or past it for the late ones.
        resolution = policy.resolution_delta(c.severity)
        resolved = c.received_at + resolution * (rng.uniform(1.1, 1.6) if late else
                                                 rng.uniform(0.4, 0.85))  # fmt: skip
        t = max(t + timedelta(hours=2), resolved - timedelta(hours=1))
        c.confirmed_name, c.confirmed_at = c.who, t
        c.confirmation_language = "en" if c.customer_words[0].isascii() else "zh-hans"
        c.confirmation_recorded_by = advisor
        story.log(t, HistoryKind.CONFIRMED, advisor, note=c.who, changes={"signed": False})
        t += timedelta(minutes=20)
        c.resolved_at = t
        story.move(t, advisor, State.CUSTOMER_CONFIRMED)
        t += timedelta(hours=2)
        story.move(t, advisor, State.CORRECTIVE_ACTION)
        due = timezone.localdate(t) + timedelta(days=10)
        cause, fix, prevent = ROOT_CAUSES[category]
        action = CorrectiveAction(
            complaint=c, root_cause=cause, corrective_action=fix,
            preventive_action=prevent, department="Workshop", owner=quality,
            due_date=due, created_by=manager, created_at=t + timedelta(minutes=5),
        )  # fmt: skip
        story.actions.append(action)
        if end == State.CORRECTIVE_ACTION:
            continue
        # Done on time for most, a week late for one in five.
        done = t + timedelta(days=rng.choice([3, 5, 6, 8, 16]))
        action.result, action.result_at = "已完成培训和复检，未再发生同类问题", done
        action.effective, action.verified_by = True, manager
        action.verified_at, action.verification_note = done + timedelta(days=1), "有效"
        t = done + timedelta(days=1, hours=1)
        story.move(t, advisor, State.FOLLOW_UP)
        opinion = rng.choice([Opinion.SATISFIED] * 4 + [Opinion.NEUTRAL])
        t += timedelta(days=rng.randint(1, 4))
        story.follow_ups.append(FollowUp(complaint=c, at=t, by=advisor, reached=True,
                                         opinion=opinion, comment=""))  # fmt: skip
        if end == State.FOLLOW_UP:
            story.follow_ups[-1].reached, story.follow_ups[-1].opinion = False, ""
            story.follow_ups[-1].next_try = timezone.localdate(now) + timedelta(days=1)
            continue
        t += timedelta(minutes=10)
        c.closed_at = t
        story.move(t, advisor, State.CLOSED)

    Remedy.objects.bulk_create([r for s, *_ in stories for r in s.remedies])
    # Approved money reached the cashier as the services would have made it; the cashier paid
    # it a day after the customer confirmed, except where the complaint is still that early.
    cashier = users["cashier"]
    settlements = []
    for story, *_ in stories:
        for r in story.remedies:
            if r.decided_at and r.kind in MONEY_KINDS and r.amount > 0:
                paid = story.c.resolved_at + timedelta(days=1) if story.c.resolved_at else None
                settlements.append(
                    CustomerSettlement(
                        shop_id=story.c.shop_id, complaint=story.c, remedy=r, kind=r.kind,
                        amount=r.amount, raised_at=r.decided_at,
                        settled_at=paid if paid and paid < now else None,
                        settled_by=cashier if paid and paid < now else None,
                        settlement_reference="POS" if paid and paid < now else "",
                    )
                )  # fmt: skip
    CustomerSettlement.objects.bulk_create(settlements)
    settled_by_remedy = {x.remedy_id: x for x in settlements}
    CorrectiveAction.objects.bulk_create([a for s, *_ in stories for a in s.actions])
    FollowUp.objects.bulk_create([f for s, *_ in stories for f in s.follow_ups])
    # The history rows that name the records above, then every history row in time order.
    for story, *_ in stories:
        c = story.c
        for r in story.remedies:
            changes = {"remedy": r.pk, "remedy_kind": r.kind, "amount": str(r.amount)}
            story.log(r.proposed_at, HistoryKind.REMEDY_PROPOSED, r.proposed_by,
                      note=f"{r.get_kind_display()} {r.amount}",
                      changes={**changes, "remedy_status": RemedyStatus.PENDING
                               if r.decided_at else r.status})  # fmt: skip
            if r.decided_at:
                story.log(r.decided_at, HistoryKind.REMEDY_APPROVED, r.decided_by,
                          note=f"{r.get_kind_display()} {r.amount} · 同意",
                          changes={**changes, "text": "同意"})  # fmt: skip
            settlement = settled_by_remedy.get(r.pk)
            if settlement is not None:
                money = {"settlement": settlement.pk, "remedy_kind": r.kind,
                         "amount": str(r.amount)}  # fmt: skip
                story.log(r.decided_at, HistoryKind.SETTLEMENT_RAISED, r.decided_by,
                          note=f"{r.get_kind_display()} {r.amount}", changes=money)  # fmt: skip
                if settlement.settled_at:
                    story.log(settlement.settled_at, HistoryKind.SETTLEMENT_SETTLED, cashier,
                              note=f"{r.get_kind_display()} {r.amount} POS",
                              changes={**money, "text": "POS"})  # fmt: skip
        for a in story.actions:
            story.log(a.created_at, HistoryKind.ACTION_PLANNED, manager,
                      note=f"{a.department} · {quality} · {a.due_date:%Y-%m-%d}",
                      changes={"action": a.pk})  # fmt: skip
            if a.result_at:
                story.log(a.result_at, HistoryKind.ACTION_RESULT, quality, note=a.result,
                          changes={"action": a.pk})  # fmt: skip
                story.log(
                    a.verified_at,
                    HistoryKind.ACTION_VERIFIED,
                    manager,
                    changes={"action": a.pk, "effective": True, "text": "有效"},
                )
        for f in story.follow_ups:
            story.log(
                f.at,
                HistoryKind.FOLLOW_UP,
                advisor,
                changes={"follow_up": f.pk, "opinion": f.opinion, "text": ""},
            )
        c.version += len(story.remedies) + len(story.actions) + len(story.follow_ups)
    Complaint.objects.bulk_update(
        [s.c for s, *_ in stories],
        ["state", "version", "immediate_response", "first_responded_at", "category",
         "responsibility", "confirmed_name", "confirmed_at", "confirmation_language",
         "confirmation_recorded_by", "resolved_at", "closed_at"],
    )  # fmt: skip
    ComplaintHistory.objects.bulk_create(
        sorted((h for s, *_ in stories for h in s.history), key=lambda h: h.at)
    )
