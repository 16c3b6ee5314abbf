"""Customers' phones in E.164, read in their shop's country, as the services now keep them.

A number that does not parse, or whose E.164 form another customer of the shop already has,
is left as it was (an advisor corrects it on the customer's page, where the check now runs)."""

import phonenumbers
from django.db import migrations


def _e164(value: str, country: str) -> str | None:
    try:
        number = phonenumbers.parse(value, country or "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def forwards(apps, schema_editor):
    Customer = apps.get_model("vehicles", "Customer")
    customers = Customer.objects.exclude(phone="", phone_alt="").select_related("shop")
    for customer in customers.iterator(chunk_size=2000):
        changed = []
        for key in ("phone", "phone_alt"):
            value = getattr(customer, key)
            new = _e164(value, customer.shop.country) if value else None
            if not new or new == value:
                continue
            if key == "phone" and (
                Customer.objects.filter(shop_id=customer.shop_id, phone=new)
                .exclude(pk=customer.pk)
                .exists()
            ):
                continue
            setattr(customer, key, new)
            changed.append(key)
        if changed:
            customer.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_shop_country"),
        ("vehicles", "0011_free_text_limits"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
