"""The rest of the counter search's indexes on PostgreSQL: a trigram index on the other phone
and an index on the upper-cased email (``email__iexact``). With every branch of the search's OR
indexed, PostgreSQL combines the indexes instead of reading all of a shop's customers.

SQLite has no pg_trgm: there the migration does nothing.
"""

from django.db import migrations

STATEMENTS = [
    (
        "vehicles_customer_phone_alt_trgm",
        "CREATE INDEX IF NOT EXISTS vehicles_customer_phone_alt_trgm ON vehicles_customer "
        "USING gin ((UPPER((phone_alt)::text)) gin_trgm_ops)",
    ),
    (
        "vehicles_customer_email_upper",
        "CREATE INDEX IF NOT EXISTS vehicles_customer_email_upper ON vehicles_customer "
        "((UPPER((email)::text)))",
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _name, sql in STATEMENTS:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in STATEMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("vehicles", "0004_board_cancelled_index")]
    operations = [migrations.RunPython(forwards, backwards)]
