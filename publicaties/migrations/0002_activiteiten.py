"""The 4 O's of the werkplaatsen: onderzoek, ontwikkeling, onderwijs, ondersteuning."""

from django.db import migrations

ACTIVITEITEN = ["Onderzoek", "Ontwikkeling", "Onderwijs", "Ondersteuning"]


def create(apps, schema_editor):
    Activiteit = apps.get_model("publicaties", "Activiteit")
    for volgorde, naam in enumerate(ACTIVITEITEN, start=1):
        Activiteit.objects.update_or_create(
            slug=naam.lower(), defaults={"naam": naam, "volgorde": volgorde}
        )


def remove(apps, schema_editor):
    apps.get_model("publicaties", "Activiteit").objects.filter(
        slug__in=[naam.lower() for naam in ACTIVITEITEN]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("publicaties", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
