"""The staff picker: members of the user's shops, by name, optionally of given roles."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicedesk import pickers

from .models import Membership, Role
from .selectors import shop_ids_for_user


def staff_queryset(*, user, q, params):
    """Active users with a membership in the user's shops (in ``shop``, of ``role``: one
    membership must satisfy both, so a technician elsewhere is not a technician here)."""
    members = Membership.objects.filter(shop_id__in=shop_ids_for_user(user))
    shop_id = pickers.int_param(params, "shop")
    if shop_id is not None:
        members = members.filter(shop_id=shop_id)
    roles = [r for r in str(params.get("role", "")).split(",") if r in Role.values]
    if roles:
        members = members.filter(role__in=roles)
    qs = get_user_model().objects.filter(pk__in=members.values("user_id"), is_active=True)
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
        )
    return qs.order_by("first_name", "last_name", "username")


def staff_label(user) -> str:
    return user.get_full_name() or user.username


def register() -> None:
    pickers.register(
        "staff",
        queryset=staff_queryset,
        label=staff_label,
        detail=lambda user: user.username,
        shop_field=None,
        min_chars=0,
        placeholder=_("Type a name"),
    )
