from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower

from servicedesk.errors import Invalid

from .. import permissions
from ..models import Supplier
from .errors import DUPLICATE_SUPPLIER


def supplier_name_key(name: str):
    """What makes two supplier names one: the database's lower case of the trimmed name, the
    same expression as the constraint ``supplier_name_unique_in_shop``."""
    return Lower(Value(name.strip()))


@transaction.atomic
def supplier_create(
    *, user, shop_pk: int, name: str, contact: str = "", phone: str = "", email: str = ""
) -> Supplier:
    permissions.require(user, shop_id=shop_pk, action="supplier")
    name = name.strip()
    taken = Supplier.objects.filter(shop_id=shop_pk).alias(key=Lower("name"))
    if taken.filter(key=supplier_name_key(name)).exists():
        raise Invalid(DUPLICATE_SUPPLIER, field="name")
    # Two counters adding the same supplier at once both pass the check: the constraint decides
    # and the loser's IntegrityError is answered 409 by servicedesk.errors.
    return Supplier.objects.create(
        shop_id=shop_pk, name=name, contact=contact, phone=phone, email=email
    )
