"""One shop's records in every state the permission matrix and the fuzzer need, made through
the real services by the world-builder (demo/world.py). ``build(shop, people)`` returns
{name: id}; path templates say ``@name``."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from complaints import services as cs
from complaints.models import State
from demo.world import World
from interactions import services as isv
from interactions.models import CommunicationLog, InboundAttachment, InboundMessage
from reports.services import annual_refresh_request
from servicedesk.accounts.models import Role, ShopGroup
from servicedesk.accounts.services import api_token_create
from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import MessageKind, MessageStatus, OutboundMessage
from surveys.services import survey_create
from tests.factories import staff
from tests.signatures import drawn_signature
from vehicles import services as vs
from vehicles.models import InspectionItem

SIGNATURE = drawn_signature()
# The smallest files the upload checks take: a PNG photo and an MP4 video (by their content).
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def png_upload():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return SimpleUploadedFile("tyre.png", buf.getvalue(), content_type="image/png")


def mp4_upload():
    return SimpleUploadedFile("tyre.mp4", MP4, content_type="video/mp4")


ROLES = (
    Role.ADVISOR,
    Role.TECHNICIAN,
    Role.SUPERVISOR,
    Role.MANAGER,
    Role.QUALITY,
    Role.CASHIER,
    Role.REPORTING,
)


def people(shop, prefix: str) -> dict:
    """One member of the shop for each role; managers and supervisors on duty."""
    result = {}
    for role in ROLES:
        extra = {}
        if role in (Role.MANAGER, Role.SUPERVISOR):
            extra["on_duty"] = True
        if role == Role.QUALITY:
            extra["department"] = "Workshop"
        result[role] = staff(f"{prefix}-{role}", shop, role, **extra)
    return result


def build(shop, who: dict) -> dict:
    adv, mgr, qual = who[Role.ADVISOR], who[Role.MANAGER], who[Role.QUALITY]
    world = World(shop)
    ids: dict = {"shop": shop.pk}
    customer = world.customer()
    car = world.car(customer, by=adv)
    ids.update(customer=customer.pk, vehicle=car.pk)
    # A car changing hands (the owner picker): its owner and the customer who buys it.
    seller = world.customer("Qian Li")
    buyer = world.customer("Sun Hao")
    sold = world.car(seller, by=adv)
    ids.update(vehicle_sold=sold.pk, buyer=buyer.pk)
    sup = world.supplier("Bosch Parts", by=mgr)
    ids["supplier"] = sup.pk

    wo_open, _ = world.visit(car, by=adv, to="open")
    ids.update(wo_open=wo_open.pk, wo_open_version=wo_open.version)
    ids["line"] = wo_open.lines.first().pk
    wo_auth, _ = world.visit(car, by=adv, to="authorized")
    ids.update(wo_auth=wo_auth.pk, wo_auth_version=wo_auth.version)
    ids["wo_prog"] = world.visit(car, by=adv, to="in_progress")[0].pk
    ids["wo_ready"] = world.visit(car, by=adv, to="ready")[0].pk
    done, invoice = world.visit(car, by=adv, to="delivered", mileage=20000)
    ids.update(wo_done=done.pk, invoice=invoice.pk)

    inspection = vs.inspection_create(work_order_pk=wo_open.pk, user=adv)
    item = vs.inspection_item_add(
        inspection_pk=inspection.pk,
        user=adv,
        name="Tyres",
        condition="red",
        recommended_job="Two tyres",
        price=Decimal("900"),
    )
    ids.update(inspection=inspection.pk, item=item.pk)
    assert InspectionItem.objects.filter(pk=item.pk).exists()
    # Its files (served only through access-checked views) and an item the customer deferred,
    # to be approved later at the counter or on the link.
    ids["photo"] = vs.inspection_photo_add(item_pk=item.pk, user=adv, upload=png_upload()).pk
    ids["video"] = vs.inspection_video_add(item_pk=item.pk, user=adv, upload=mp4_upload()).pk
    deferred = vs.inspection_item_add(
        inspection_pk=inspection.pk,
        user=adv,
        name="Wipers",
        condition="yellow",
        recommended_job="New blades",
        price=Decimal("80"),
    )
    vs.inspection_item_decide(user=adv, pk=deferred.pk, decision="deferred")
    ids["item_deferred"] = deferred.pk
    checklist = vs.inspection_template_create(
        user=mgr, shop_pk=shop.pk, name="Courtesy check", items=["Tyres", "Lights"]
    )
    ids["inspection_template"] = checklist.pk
    ids["canned_reply"] = isv.canned_reply_create(
        user=mgr,
        shop_pk=shop.pk,
        title="Car ready",
        text_zh="{customer_name}您好，您的车已完工。",
        text_en="Dear {customer_name}, your car is ready.",
    ).pk

    inter = isv.interaction_open(
        user=adv, shop_id=shop.pk, channel="walk_in", customer_pk=customer.pk
    )
    ids.update(interaction=inter.pk, interaction_version=inter.version)
    # A walk-in not known yet: who they are is completed later.
    ids["walk_in"] = isv.interaction_open(user=adv, shop_id=shop.pk, channel="walk_in").pk
    other = isv.interaction_open(
        user=adv, shop_id=shop.pk, channel="walk_in", customer_pk=customer.pk
    )
    escalation = isv.interaction_escalate(user=adv, pk=other.pk, reason="Wants a loaner")
    ids["escalation"] = escalation.pk
    log = CommunicationLog.objects.filter(shop=shop).first() or isv.communication_log(
        user=adv,
        customer_pk=customer.pk,
        direction="inbound",
        kind="inquiry",
        channel="phone",
        summary="Asked the price",
    )
    ids["communication"] = log.pk

    received = world.complaint(by=adv, customer=customer, vehicle=car)
    ids.update(complaint=received.pk, complaint_version=received.version)
    resolving = world.carry(
        world.complaint(by=adv, customer=customer), to=State.RESOLVING, advisor=adv, manager=mgr
    )
    remedy = cs.remedy_propose(complaint_pk=resolving.pk, user=adv, kind="discount", amount="300")
    ids.update(complaint_resolving=resolving.pk, remedy=remedy.pk)
    # A discount approved on a complaint about the delivered order: money to pay the customer.
    about_done = world.complaint(by=adv, customer=customer, vehicle=car, work_order=done)
    money = cs.remedy_propose(complaint_pk=about_done.pk, user=adv, kind="discount", amount="80")
    cs.remedy_decide(pk=money.pk, user=mgr, approve=True)
    ids["settlement"] = money.settlement.pk
    agreed = world.carry(
        world.complaint(by=adv, customer=customer), to=State.RESOLVING, advisor=adv, manager=mgr
    )
    cs.remedy_propose(complaint_pk=agreed.pk, user=adv, kind="apology", amount="0")
    ids["complaint_agreed"] = agreed.pk
    signed = world.carry(
        world.complaint(by=adv, customer=customer), to=State.RESOLVING, advisor=adv, manager=mgr
    )
    cs.remedy_propose(complaint_pk=signed.pk, user=adv, kind="apology", amount="0")
    cs.complaint_confirm(pk=signed.pk, user=adv, signed_name="Zhou Min", signature=SIGNATURE)
    signed.refresh_from_db()
    # The manager has determined its nature: nothing but the move waits (seed 003 §6).
    cs.complaint_update(pk=signed.pk, user=mgr, version=signed.version, nature="Pads not bedded in")
    ids["complaint_signed"] = signed.pk
    corrective = world.carry(
        world.complaint(by=adv, customer=customer),
        to=State.CORRECTIVE_ACTION,
        advisor=adv,
        manager=mgr,
        quality=qual,
    )
    corrective = cs.complaint_update(
        pk=corrective.pk,
        user=adv,
        version=corrective.version,
        responsibility="supplier",
        supplier_pk=sup.pk,
    )
    plan = dict(
        complaint_pk=corrective.pk,
        user=mgr,
        root_cause="Pads",
        corrective_action="Bed in",
        preventive_action="Checklist",
        department="Workshop",
        owner_pk=qual.pk,
        due_date=date.today() + timedelta(days=7),
    )
    open_action = cs.corrective_action_plan(**plan)
    done_action = cs.corrective_action_plan(**plan)
    cs.corrective_action_record_result(pk=done_action.pk, user=qual, result="Done")
    deduction = cs.supplier_deduction_raise(
        complaint_pk=corrective.pk,
        user=adv,
        part="Pads",
        amount=Decimal("120"),
        improvement_request="Check the batch",
    )
    ids.update(
        complaint_corrective=corrective.pk,
        action=open_action.pk,
        action_done=done_action.pk,
        deduction=deduction.pk,
    )
    follow = world.carry(
        world.complaint(by=adv, customer=customer),
        to=State.FOLLOW_UP,
        advisor=adv,
        manager=mgr,
        quality=qual,
    )
    ids["complaint_follow"] = follow.pk
    survey, _created = survey_create(work_order_pk=done.pk)
    ids.update(survey=survey.pk, survey_token=survey.token)
    from portal.services import customer_link_create  # noqa: PLC0415 — the portal's (issue 15)

    link = customer_link_create(user=adv, work_order_pk=ids["wo_prog"])
    ids.update(customer_link=link.pk, customer_link_token=link.token)
    # The open visit's link: its inspection to decide on, its lines to authorize.
    ids["open_link_token"] = customer_link_create(user=adv, work_order_pk=wo_open.pk).token
    message = OutboundMessage.objects.create(
        shop=shop,
        key=f"matrix-{shop.pk}",
        kind=MessageKind.SURVEY_INVITATION,
        channel="email",
        language="en",
        to="zhou@example.invalid",
        body="How did we do?",
        status=MessageStatus.FAILED,
        attempts=5,
        last_error="mailbox full",
    )
    ids["message"] = message.pk
    # A customer's email that waits in the shop's inbox, with the photo it came with.
    waiting = InboundMessage.objects.create(
        shop=shop,
        key=f"email:<matrix-{shop.pk}@example.invalid>",
        channel="email",
        provider="mailgun",
        sender="stranger@example.invalid",
        subject="My car",
        body="Please call me back.",
        received_at=timezone.now(),
    )
    photo = InboundAttachment(message=waiting, name="tyre.png", content_type="image/png")
    photo.file.save("tyre.png", png_upload(), save=True)
    ids.update(inbound_message=waiting.pk, inbound_file=photo.pk)
    job = annual_refresh_request(shop_pk=shop.pk, year=timezone.localdate().year, user=mgr)
    ids.update(report_job=job.pk, year=job.year)
    # A dealer group holding the shop: none of the shop's staff is in it (its members read its
    # dashboard: tests/reports/test_group.py).
    group = ShopGroup.objects.create(name=f"Group of {shop.name}", code=f"matrix-{shop.pk}")
    group.shops.add(shop)
    ids["group"] = group.pk
    for role, user in who.items():
        note = Notification.objects.create(
            recipient=user, shop=shop, kind="test", title="Hello", url="/"
        )
        ids[f"notification:{role}"] = note.pk
        ids[f"api_token:{role}"] = api_token_create(user=user)[0].pk
    return ids
