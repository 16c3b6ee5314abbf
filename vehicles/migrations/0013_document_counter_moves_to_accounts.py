"""The document counter now belongs to accounts (its 0006 took the rows over): vehicles lets go
of the model without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_document_counter"),
        ("vehicles", "0012_customer_phones_e164"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DocumentCounter")],
        ),
    ]
