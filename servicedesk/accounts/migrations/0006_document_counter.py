"""The document counter moves from vehicles to the base layer, where the one numbering service
(servicedesk/numbering.py) reads it for work orders, invoices and complaints. Its rows are kept:
the model is taken over as it stands (state only), then its table renamed to this app's."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_shop_country"),
        ("vehicles", "0012_customer_phones_e164"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DocumentCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("kind", models.CharField(max_length=10)),
                        ("year", models.PositiveSmallIntegerField()),
                        ("last", models.PositiveIntegerField(default=0)),
                        (
                            "shop",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="accounts.shop",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "vehicles_documentcounter",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("shop", "kind", "year"), name="document_counter_unique"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="documentcounter", table=None),
    ]
