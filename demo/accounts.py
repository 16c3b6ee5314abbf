"""Demo shops and staff. Later layers add their own records in their `demo.py`."""

from dataclasses import dataclass, field
from datetime import date, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from servicedesk.accounts.models import (
    BusinessHours,
    GroupMembership,
    GroupRole,
    Membership,
    Role,
    Shop,
    ShopGroup,
)
from servicedesk.accounts.services import shop_calendar_set

DEMO_PASSWORD = "demo"
DEMO_SHOP_CODE = "demo"

DEMO_STAFF = [
    # username, first name, last name, role, on duty, department
    ("advisor", "Li", "Wei", Role.ADVISOR, False, ""),
    ("technician", "Zhang", "Qiang", Role.TECHNICIAN, False, ""),
    ("supervisor", "Chen", "Jing", Role.SUPERVISOR, True, ""),
    ("manager", "Wang", "Fang", Role.MANAGER, True, ""),
    ("quality", "Liu", "Yang", Role.QUALITY, False, "Workshop"),
    ("cashier", "Zhao", "Min", Role.CASHIER, False, ""),
    ("reporting", "Report", "Client", Role.REPORTING, False, ""),
]
EAST_STAFF = [("east", "Sun", "Li", Role.ADVISOR, False, "")]
# The dealer group holding both demo shops, and its manager (who is a member of neither shop).
DEMO_GROUP_CODE = "demo-group"
DEMO_GROUP_NAME = "Demo Group 演示集团"
GROUP_STAFF = [("group", "Zhou", "Hua", GroupRole.GROUP_MANAGER)]


@dataclass
class DemoContext:
    """What each layer's demo seeder receives and may extend for the layers above it."""

    shop: Shop
    east: Shop
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def _user(username, first, last, *, superuser=False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.invalid"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
    return user


@transaction.atomic
def seed() -> DemoContext:
    shop, _ = Shop.objects.get_or_create(
        code=DEMO_SHOP_CODE,
        defaults={
            "name": "Demo",
            "language": "zh-hans",
            "address": "1 Demo Road",
            "phone": "010-5555-0100",
        },
    )
    east, _ = Shop.objects.get_or_create(
        code="demo-east",
        defaults={"name": "Demo East", "language": "zh-hans", "address": "9 East Road"},
    )
    ctx = DemoContext(shop=shop, east=east)
    for target, staff in ((shop, DEMO_STAFF), (east, EAST_STAFF)):
        for username, first, last, role, on_duty, department in staff:
            user = _user(username, first, last)
            Membership.objects.get_or_create(
                user=user,
                shop=target,
                defaults={"role": role, "on_duty": on_duty, "department": department},
            )
            ctx.users[username] = user
    _group(ctx)
    ctx.users["admin"] = _user("admin", "Site", "Admin", superuser=True)
    for target in (shop, east):
        _business_hours(target)
    return ctx


def _group(ctx: DemoContext) -> ShopGroup:
    group, _ = ShopGroup.objects.get_or_create(
        code=DEMO_GROUP_CODE, defaults={"name": DEMO_GROUP_NAME}
    )
    group.shops.add(ctx.shop, ctx.east)
    for username, first, last, role in GROUP_STAFF:
        user = _user(username, first, last)
        GroupMembership.objects.get_or_create(user=user, group=group, defaults={"role": role})
        ctx.users[username] = user
    ctx.extra["group"] = group
    return group


def _business_hours(shop: Shop) -> None:
    """Monday to Saturday 08:30–18:00, Sunday closed, and the holidays of this year and the
    next: the complaint and escalation clocks count these hours. Set once (a shop's manager
    may change them on the shop's hours page)."""
    if BusinessHours.objects.filter(shop=shop).exists():
        return
    year = timezone.localdate().year
    shop_calendar_set(
        user=None,
        shop_id=shop.pk,
        hours={weekday: (time(8, 30), time(18, 0)) for weekday in range(1, 7)},
        holidays=[
            (date(year, 10, 1), "国庆节 National Day"),
            (date(year + 1, 1, 1), "元旦 New Year's Day"),
        ],
    )


def logins() -> list[tuple[str, str, str]]:
    rows = [(u, DEMO_PASSWORD, f"Demo · {r.label}") for u, _f, _l, r, _d, _dep in DEMO_STAFF]
    rows += [(u, DEMO_PASSWORD, f"Demo East · {r.label}") for u, _f, _l, r, _d, _dep in EAST_STAFF]
    rows += [(u, DEMO_PASSWORD, f"Demo Group · {r.label}") for u, _f, _l, r in GROUP_STAFF]
    rows.append(("admin", DEMO_PASSWORD, "administration site"))
    return rows
