"""Trigram indexes for the counter search on PostgreSQL (name, plate, phone, VIN "contains").

SQLite has no pg_trgm: there the migration does nothing and the B-tree indexes serve.
"""

from django.db import migrations

INDEXES = [
    ("vehicles_customer_name_trgm", "vehicles_customer", "name"),
    ("vehicles_customer_phone_trgm", "vehicles_customer", "phone"),
    ("vehicles_vehicle_plate_trgm", "vehicles_vehicle", "plate"),
    ("vehicles_vehicle_vin_trgm", "vehicles_vehicle", "vin"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER(({column})::text)) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("vehicles", "0002_records_invoices_inspections")]
    operations = [migrations.RunPython(forwards, backwards)]
