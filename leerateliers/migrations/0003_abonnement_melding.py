"""Abonnement and Melding move here from accounts (following a leeratelier and the emails
about its updates belong to the leerateliers). The rows stay: the models are taken over in
the migration state, their tables renamed, and their content types (and so their
permissions and the admin's log) follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["abonnement", "melding"]


def _relabel(apps, schema_editor, old, new):
    """The content types of the moved models go from ``old`` to ``new``. One that a migrate
    in between created afresh at ``new`` (no rows, no history) gives way."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if content_types.filter(app_label=old, model=model).exists():
            content_types.filter(app_label=new, model=model).delete()
            content_types.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, "accounts", "leerateliers")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, schema_editor, "leerateliers", "accounts")


class Migration(migrations.Migration):
    dependencies = [
        ("leerateliers", "0002_updates_bijlage_aangekondigd"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Abonnement",
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
                        ("volgt", models.BooleanField(default=True, verbose_name="volgt")),
                        (
                            "frequentie",
                            models.CharField(
                                choices=[
                                    ("direct", "Meteen, bij elke update"),
                                    ("wekelijks", "Eén keer per week, in een overzicht"),
                                    ("nooit", "Nooit"),
                                ],
                                default="direct",
                                max_length=20,
                                verbose_name="e-mail bij updates",
                            ),
                        ),
                        ("sinds", models.DateTimeField(auto_now_add=True, verbose_name="sinds")),
                        (
                            "leeratelier",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="abonnementen",
                                to="leerateliers.leeratelier",
                                verbose_name="leeratelier",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="abonnementen",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="account",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_abonnement",
                        "verbose_name": "abonnement",
                        "verbose_name_plural": "abonnementen",
                        "ordering": ["leeratelier__titel"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "leeratelier"), name="abonnement_unique"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("frequentie__in", ["direct", "wekelijks", "nooit"])
                                ),
                                name="abonnement_frequentie_valid",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Melding",
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
                        (
                            "frequentie",
                            models.CharField(
                                choices=[("direct", "Meteen"), ("wekelijks", "Week")],
                                max_length=20,
                                verbose_name="verzending",
                            ),
                        ),
                        (
                            "aangemaakt_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                        ),
                        (
                            "verstuurd_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="verstuurd op"
                            ),
                        ),
                        (
                            "update",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="meldingen",
                                to="leerateliers.tribuneupdate",
                                verbose_name="tribune-update",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="meldingen",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="account",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_melding",
                        "verbose_name": "e-mailmelding",
                        "verbose_name_plural": "e-mailmeldingen",
                        "ordering": ["-aangemaakt_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "update"), name="melding_once_per_update"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("frequentie__in", ["direct", "wekelijks"])),
                                name="melding_frequentie_valid",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="abonnement", table=None),
        migrations.AlterModelTable(name="melding", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
