"""Complaints take their numbers from the shop's document counter (kind "C") as work orders and
invoices do: each shop's counter starts where its complaints' numbers stand, so the next
complaint follows the last one. No number changes."""

from django.db import migrations
from django.db.models import Max


def seed_counters(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    DocumentCounter = apps.get_model("accounts", "DocumentCounter")
    rows = Complaint.objects.values("shop_id", "year").annotate(last=Max("sequence"))
    for row in rows:
        counter, _ = DocumentCounter.objects.get_or_create(
            shop_id=row["shop_id"], kind="C", year=row["year"]
        )
        if counter.last < row["last"]:
            counter.last = row["last"]
            counter.save(update_fields=["last"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_document_counter"),
        ("complaints", "0007_free_text_limits"),
    ]

    operations = [migrations.RunPython(seed_counters, migrations.RunPython.noop)]
