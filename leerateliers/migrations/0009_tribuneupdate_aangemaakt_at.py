import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def from_publication(apps, schema_editor):
    """Updates that were published began no later than that; concepts start counting now."""
    TribuneUpdate = apps.get_model("leerateliers", "TribuneUpdate")
    TribuneUpdate.objects.filter(status="gepubliceerd").update(aangemaakt_at=F("gepubliceerd_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("leerateliers", "0008_praktijk_werkplaatsen"),
    ]

    operations = [
        migrations.AddField(
            model_name="tribuneupdate",
            name="aangemaakt_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="aangemaakt op"
            ),
        ),
        migrations.RunPython(from_publication, migrations.RunPython.noop),
    ]
