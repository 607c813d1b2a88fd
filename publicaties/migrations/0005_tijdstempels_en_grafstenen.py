import datetime

from django.db import migrations, models


def fill_in_timestamps(apps, schema_editor):
    """Existing publicaties were made and last changed, as far as anyone knows, on the day they
    appeared: noon UTC of ``gepubliceerd_on`` (not the moment of the migration, which would
    make every harvester fetch them all again as changed today)."""
    Publicatie = apps.get_model("publicaties", "Publicatie")
    for publicatie in Publicatie.objects.only("pk", "gepubliceerd_on"):
        moment = datetime.datetime.combine(
            publicatie.gepubliceerd_on, datetime.time(12), tzinfo=datetime.UTC
        )
        Publicatie.objects.filter(pk=publicatie.pk).update(
            aangemaakt_at=moment, gewijzigd_at=moment
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0004_auteurs_en_handle"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicatie",
            name="aangemaakt_at",
            field=models.DateTimeField(null=True, verbose_name="aangemaakt op"),
        ),
        migrations.AddField(
            model_name="publicatie",
            name="gewijzigd_at",
            field=models.DateTimeField(null=True, verbose_name="gewijzigd op"),
        ),
        migrations.RunPython(fill_in_timestamps, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="publicatie",
            name="aangemaakt_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
        ),
        migrations.AlterField(
            model_name="publicatie",
            name="gewijzigd_at",
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name="gewijzigd op"),
        ),
        migrations.CreateModel(
            name="Grafsteen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "publicatie_id",
                    models.PositiveBigIntegerField(
                        unique=True, verbose_name="nummer van de publicatie"
                    ),
                ),
                ("titel", models.CharField(blank=True, max_length=250, verbose_name="titel")),
                ("sets", models.JSONField(blank=True, default=list, verbose_name="sets")),
                (
                    "verwijderd_at",
                    models.DateTimeField(db_index=True, verbose_name="verwijderd op"),
                ),
            ],
            options={
                "verbose_name": "grafsteen",
                "verbose_name_plural": "grafstenen",
                "ordering": ["verwijderd_at", "publicatie_id"],
            },
        ),
    ]
