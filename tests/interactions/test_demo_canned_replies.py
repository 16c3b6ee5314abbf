from django.core.management import call_command

from interactions.models import CannedReply
from interactions.services import ReplyContext, canned_reply_render


def test_seed_demo_gives_the_demo_shop_its_canned_replies_once_in_both_languages(db):
    call_command("seed_demo", "--no-logins")
    replies = list(CannedReply.objects.filter(shop__code="demo"))
    assert len(replies) == 3
    assert all(r.text_zh and r.text_en and r.active for r in replies)
    shop = replies[0].shop
    for reply in replies:
        assert canned_reply_render(reply=reply, context=ReplyContext(shop=shop)).text
    call_command("seed_demo", "--no-logins")
    assert CannedReply.objects.count() == 3
