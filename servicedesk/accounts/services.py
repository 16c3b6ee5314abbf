from django.db import transaction
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

from .models import ON_DUTY_ROLES, Membership
from .selectors import forget_memberships, require_role

NOT_AN_ON_DUTY_ROLE = _("Only managers and supervisors go on duty.")


@transaction.atomic
def membership_set_on_duty(*, user, shop_id: int, on_duty: bool) -> Membership:
    """A manager or supervisor goes on or off duty in one of their shops."""
    require_role(user, shop_id=shop_id, roles=tuple(ON_DUTY_ROLES))
    membership = Membership.objects.select_for_update().get(user=user, shop_id=shop_id)
    if membership.role not in ON_DUTY_ROLES:
        raise Invalid(NOT_AN_ON_DUTY_ROLE, field="on_duty")
    membership.on_duty = on_duty
    membership.save(update_fields=["on_duty"])
    forget_memberships(user)
    return membership
