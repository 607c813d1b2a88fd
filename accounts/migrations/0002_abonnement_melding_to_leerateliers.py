"""Abonnement and Melding now belong to leerateliers (its migration 0003 takes over their
rows); here they leave the accounts app's state, without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("leerateliers", "0003_abonnement_melding"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Abonnement"),
                migrations.DeleteModel(name="Melding"),
            ],
        ),
    ]
