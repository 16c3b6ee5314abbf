"""Demo: the demo shop's canned replies, in both languages, written through the service as its
service manager would. Idempotent: a reply whose title is on file is left as it is."""

from interactions.models import CannedReply
from interactions.services import canned_reply_create

REPLIES = [
    (
        "Car ready / 车已完工",
        "{customer_name}您好，您的车（{work_order_number}）已完工，可随时来{shop_name}取车。",
        "Dear {customer_name}, your car ({work_order_number}) is ready: collect it at "
        "{shop_name} whenever it suits you.",
    ),
    (
        "Promised time / 预计完工时间",
        "{customer_name}您好，您的车（{work_order_number}）预计{promised_at}完工，届时通知您。",
        "Dear {customer_name}, your car ({work_order_number}) should be ready {promised_at}; "
        "we will let you know.",
    ),
    (
        "Complaint received / 已收到投诉",
        "{customer_name}您好，我们已收到您的意见（编号{complaint_number}），"
        "服务经理会尽快与您联系。感谢您的指正。",
        "Dear {customer_name}, we have your feedback (no. {complaint_number}); our service "
        "manager will call you shortly. Thank you for telling us.",
    ),
]


def seed(ctx) -> None:
    for title, text_zh, text_en in REPLIES:
        if CannedReply.objects.filter(shop=ctx.shop, title=title).exists():
            continue
        canned_reply_create(
            user=None, shop_pk=ctx.shop.pk, title=title, text_zh=text_zh, text_en=text_en
        )
