"""The four voorwaarden of social quality, with the descriptions the werkplaats uses."""

from django.db import migrations

VOORWAARDEN = [
    (
        1,
        "sociaaleconomische-zekerheid",
        "Sociaaleconomische zekerheid",
        "Basisbehoeften zoals werk, inkomen, wonen en veiligheid.",
        "Kunnen mensen zelf of met anderen voorzien in hun bestaansvoorwaarden? Werk, een "
        "inkomen om van rond te komen, een veilige woning en zekerheid over morgen zijn de "
        "basis om mee te kunnen doen. Waar die zekerheid ontbreekt, worden bestaansonzekerheid "
        "en armoede vaak in één adem genoemd.",
    ),
    (
        2,
        "sociale-inclusie",
        "Sociale inclusie",
        "Toegankelijkheid en responsiviteit van groepen, organisaties en systemen.",
        "Zijn voorzieningen, organisaties en systemen toegankelijk voor iedereen, en sluiten ze "
        "aan bij wat mensen nodig hebben? Sociale inclusie vraagt van instanties dat zij "
        "de leefwereld van inwoners begrijpen en daarop inspelen, in plaats van mensen te laten "
        "leuren om hulp.",
    ),
    (
        3,
        "sociale-cohesie",
        "Sociale cohesie",
        "Verbondenheid op basis van respect, erkenning en wederkerigheid.",
        "Voelen mensen zich verbonden met elkaar, in de straat, de wijk of het dorp? Sociale "
        "cohesie gaat over betekenisvol contact, over er voor een ander kunnen zijn en over "
        "gemeenschappen die vooroordelen en eenzaamheid doorbreken.",
    ),
    (
        4,
        "sociale-empowerment",
        "Sociale empowerment",
        "Mogelijkheden voor persoonlijke ontwikkeling en zelfbeschikking, ondersteund door "
        "sociale relaties en structuren.",
        "Hebben mensen de ruimte en steun om zich te ontwikkelen en zelf keuzes te maken? "
        "Sociale empowerment gaat over eigen regie, over de kracht van ervaringskennis en over "
        "relaties en structuren die mensen in staat stellen tot hun recht te komen.",
    ),
]


def create_voorwaarden(apps, schema_editor):
    Voorwaarde = apps.get_model("werkplaats", "Voorwaarde")
    for volgorde, slug, naam, samenvatting, beschrijving in VOORWAARDEN:
        Voorwaarde.objects.update_or_create(
            slug=slug,
            defaults={
                "volgorde": volgorde,
                "naam": naam,
                "samenvatting": samenvatting,
                "beschrijving": beschrijving,
            },
        )


def remove_voorwaarden(apps, schema_editor):
    Voorwaarde = apps.get_model("werkplaats", "Voorwaarde")
    Voorwaarde.objects.filter(slug__in=[row[1] for row in VOORWAARDEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("werkplaats", "0001_initial")]

    operations = [migrations.RunPython(create_voorwaarden, remove_voorwaarden)]
