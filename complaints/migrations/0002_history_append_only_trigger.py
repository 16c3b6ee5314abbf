"""On PostgreSQL, the database itself refuses to change or delete a complaint-history row, so a
stray UPDATE or DELETE in psql or a script cannot rewrite the record either. (SQLite, the
embedded default, relies on the model's guards alone.)"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION complaints_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'complaints_complainthistory is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS complaints_history_append_only ON complaints_complainthistory;
CREATE TRIGGER complaints_history_append_only
    BEFORE UPDATE OR DELETE ON complaints_complainthistory
    FOR EACH ROW EXECUTE FUNCTION complaints_history_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS complaints_history_append_only ON complaints_complainthistory;
DROP FUNCTION IF EXISTS complaints_history_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
