import django.db.models.deletion
import django.utils.timezone
import werkplaats.models
import werkplaats.text
import werkplaats.uploads
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The migrations these rows need (the apps' later migrations change nothing here).
        ("leerateliers", "0007_bestandstypen"),
        ("publicaties", "0002_activiteiten"),
        ("werkplaats", "0005_outbox"),
    ]

    operations = [
        migrations.CreateModel(
            name="Opleiding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "naam",
                    models.CharField(
                        max_length=150,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="naam",
                    ),
                ),
                ("slug", models.SlugField(max_length=150, unique=True, verbose_name="slug")),
                (
                    "afkorting",
                    models.CharField(
                        blank=True,
                        help_text="Bijvoorbeeld: MSW.",
                        max_length=20,
                        verbose_name="afkorting",
                    ),
                ),
                (
                    "niveau",
                    models.CharField(
                        choices=[
                            ("associate-degree", "Associate degree"),
                            ("bachelor", "Bachelor"),
                            ("master", "Master"),
                            ("post-hbo", "Post-hbo of nascholing"),
                        ],
                        max_length=20,
                        verbose_name="niveau",
                    ),
                ),
                (
                    "url",
                    werkplaats.models.URLField(blank=True, verbose_name="website van de opleiding"),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        limit_choices_to={"soort": "hogeschool"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="opleidingen",
                        to="werkplaats.organisatie",
                        verbose_name="hogeschool",
                    ),
                ),
            ],
            options={
                "verbose_name": "opleiding",
                "verbose_name_plural": "opleidingen",
                "ordering": ["naam"],
            },
            bases=(werkplaats.models.SlugFromNaamMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Onderwijsactiviteit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "titel",
                    models.CharField(
                        max_length=200,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="titel",
                    ),
                ),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("semesterprogramma", "Semesterprogramma"),
                            ("minor", "Minor"),
                            ("leerkring", "Leerkring"),
                            ("afstudeeronderzoek", "Afstudeerproject of -onderzoek"),
                            ("evaluatie", "Evaluatie door studenten"),
                            ("praktijkonderzoek", "Praktijkonderzoek door studenten"),
                            ("stage", "Stage"),
                            ("bijscholing", "Bijscholing van professionals"),
                        ],
                        max_length=30,
                        verbose_name="soort",
                    ),
                ),
                (
                    "samenvatting",
                    models.CharField(
                        help_text="Eén of twee zinnen, voor lijsten en zoekmachines.",
                        max_length=300,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="samenvatting",
                    ),
                ),
                (
                    "beschrijving",
                    models.TextField(
                        blank=True,
                        help_text="Markdown: **vet**, *cursief*, [link](https://…), lijstjes met -.",
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="beschrijving",
                    ),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="van")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="tot")),
                (
                    "deelnemers",
                    models.CharField(
                        blank=True,
                        help_text="Bijvoorbeeld: studenten van verschillende opleidingen. Nooit namen.",
                        max_length=300,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="wie er meedoen",
                    ),
                ),
                (
                    "aantal_studenten",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Alleen als het bekend is.",
                        null=True,
                        verbose_name="aantal studenten",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("concept", "Concept"), ("gepubliceerd", "Gepubliceerd")],
                        default="concept",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "aangemaakt_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                ),
                ("gewijzigd_at", models.DateTimeField(auto_now=True, verbose_name="gewijzigd op")),
                (
                    "leerateliers",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Het leeratelier van een gekozen praktijk komt er vanzelf bij.",
                        related_name="onderwijsactiviteiten",
                        to="leerateliers.leeratelier",
                        verbose_name="leerateliers",
                    ),
                ),
                (
                    "organisaties",
                    models.ManyToManyField(
                        blank=True,
                        help_text="De hogeschool en de partners met wie de werkplaats dit doet.",
                        related_name="onderwijsactiviteiten",
                        to="werkplaats.organisatie",
                        verbose_name="samen met",
                    ),
                ),
                (
                    "praktijken",
                    models.ManyToManyField(
                        blank=True,
                        related_name="onderwijsactiviteiten",
                        to="leerateliers.lerendepraktijk",
                        verbose_name="lerende praktijken",
                    ),
                ),
                (
                    "themas",
                    models.ManyToManyField(
                        blank=True,
                        related_name="onderwijsactiviteiten",
                        to="werkplaats.thema",
                        verbose_name="thema's",
                    ),
                ),
                (
                    "opleidingen",
                    models.ManyToManyField(
                        blank=True,
                        related_name="onderwijsactiviteiten",
                        to="onderwijs.opleiding",
                        verbose_name="opleidingen",
                    ),
                ),
            ],
            options={
                "verbose_name": "onderwijsactiviteit",
                "verbose_name_plural": "onderwijsactiviteiten",
                "ordering": ["titel"],
            },
            bases=(werkplaats.models.SlugFromNaamMixin, models.Model),
        ),
        migrations.CreateModel(
            name="PraktijkActiviteit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "activiteit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="praktijk_koppelingen",
                        to="publicaties.activiteit",
                        verbose_name="O",
                    ),
                ),
                (
                    "praktijk",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="o_koppelingen",
                        to="leerateliers.lerendepraktijk",
                        verbose_name="lerende praktijk",
                    ),
                ),
            ],
            options={
                "verbose_name": "O van een lerende praktijk",
                "verbose_name_plural": "O's van lerende praktijken",
                "ordering": ["praktijk__titel", "activiteit__volgorde"],
            },
        ),
        migrations.CreateModel(
            name="Studentwerk",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("blog", "Blog"),
                            ("gedicht", "Gedicht"),
                            ("foto", "Foto"),
                            ("verslag", "Verslag of rapport"),
                        ],
                        max_length=20,
                        verbose_name="soort",
                    ),
                ),
                (
                    "titel",
                    models.CharField(
                        max_length=200,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="titel",
                    ),
                ),
                (
                    "tekst",
                    models.TextField(
                        blank=True,
                        help_text="Markdown. De blog, het gedicht of een toelichting bij de foto.",
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="tekst",
                    ),
                ),
                (
                    "afbeelding",
                    werkplaats.uploads.SafeImageField(
                        blank=True,
                        help_text="JPEG, PNG, WebP of GIF; hoogstens 25 MB. Gegevens in de foto (camera, plaats) worden verwijderd.",
                        upload_to=werkplaats.uploads.UnguessablePath("onderwijs/studentwerk"),
                        validators=[werkplaats.uploads.validate_image],
                        verbose_name="afbeelding",
                    ),
                ),
                (
                    "afbeelding_alt",
                    models.CharField(
                        blank=True,
                        help_text="Wat er op de afbeelding te zien is, voor wie hem niet kan zien. Verplicht.",
                        max_length=300,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="beschrijving van de afbeelding",
                    ),
                ),
                (
                    "afbeelding_varianten",
                    models.JSONField(
                        blank=True, default=list, editable=False, verbose_name="afbeeldingsformaten"
                    ),
                ),
                (
                    "bestand",
                    werkplaats.uploads.SafeFileField(
                        blank=True,
                        help_text="Een verslag of rapport: PDF, Word of OpenDocument; hoogstens 25 MB.",
                        upload_to=werkplaats.uploads.UnguessablePath("onderwijs/studentwerk"),
                        validators=[werkplaats.uploads.validate_document],
                        verbose_name="bestand",
                    ),
                ),
                (
                    "naam",
                    models.CharField(
                        help_text="Wie het maakte en toestemming gaf (bij een duo beide namen). Staat alleen op de site als de student daarvoor koos.",
                        max_length=200,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="naam van de student",
                    ),
                ),
                (
                    "naam_tonen",
                    models.BooleanField(
                        default=False,
                        help_text='Alleen aanvinken als de student dat wil; anders staat er "een student".',
                        verbose_name="naam tonen",
                    ),
                ),
                (
                    "toestemming_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Wanneer de student toestemming gaf om het werk te tonen.",
                        null=True,
                        verbose_name="toestemming gegeven op",
                    ),
                ),
                (
                    "toestemming_wijze",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("formulier", "Ondertekend toestemmingsformulier"),
                            ("e-mail", "Per e-mail van de student"),
                            ("digitaal", "Digitaal formulier van de opleiding"),
                            ("anders", "Anders (zie toelichting)"),
                        ],
                        max_length=20,
                        verbose_name="toestemming vastgelegd via",
                    ),
                ),
                (
                    "toestemming_toelichting",
                    models.CharField(
                        blank=True,
                        help_text="Bijvoorbeeld waar het formulier bewaard wordt.",
                        max_length=300,
                        validators=[werkplaats.text.validate_no_control_characters],
                        verbose_name="toelichting bij de toestemming",
                    ),
                ),
                (
                    "is_voorbeeld",
                    models.BooleanField(
                        default=False,
                        help_text='Een voorbeeld, geen werk van een echte student: de site zegt "Voorbeeld".',
                        verbose_name="voorbeeld",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("concept", "Concept"), ("gepubliceerd", "Gepubliceerd")],
                        default="concept",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("volgorde", models.PositiveSmallIntegerField(default=0, verbose_name="volgorde")),
                (
                    "aangemaakt_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        editable=False,
                        verbose_name="toegevoegd op",
                    ),
                ),
                (
                    "activiteit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="studentwerk",
                        to="onderwijs.onderwijsactiviteit",
                        verbose_name="onderwijsactiviteit",
                    ),
                ),
            ],
            options={
                "verbose_name": "werk van een student",
                "verbose_name_plural": "werken van studenten",
                "ordering": ["activiteit__titel", "volgorde", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="opleiding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("niveau__in", ["associate-degree", "bachelor", "master", "post-hbo"])
                ),
                name="opleiding_niveau_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="opleiding",
            constraint=models.UniqueConstraint(
                fields=("organisatie", "naam"), name="opleiding_naam_unique_per_hogeschool"
            ),
        ),
        migrations.AddConstraint(
            model_name="onderwijsactiviteit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "soort__in",
                        [
                            "semesterprogramma",
                            "minor",
                            "leerkring",
                            "afstudeeronderzoek",
                            "evaluatie",
                            "praktijkonderzoek",
                            "stage",
                            "bijscholing",
                        ],
                    )
                ),
                name="onderwijsactiviteit_soort_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="onderwijsactiviteit",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["concept", "gepubliceerd"])),
                name="onderwijsactiviteit_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="onderwijsactiviteit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_on__isnull", True),
                    ("start_on__isnull", True),
                    ("end_on__gte", models.F("start_on")),
                    _connector="OR",
                ),
                name="onderwijsactiviteit_ends_after_start",
                violation_error_message="De einddatum ligt voor de begindatum.",
            ),
        ),
        migrations.AddConstraint(
            model_name="onderwijsactiviteit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("aantal_studenten__isnull", True), ("aantal_studenten__gt", 0), _connector="OR"
                ),
                name="onderwijsactiviteit_aantal_studenten_positive",
                violation_error_message="Vul een aantal studenten van 1 of meer in, of laat het veld leeg.",
            ),
        ),
        migrations.AddConstraint(
            model_name="praktijkactiviteit",
            constraint=models.UniqueConstraint(
                fields=("praktijk", "activiteit"),
                name="praktijkactiviteit_once_per_praktijk",
                violation_error_message="Deze praktijk heeft deze O al.",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(("soort__in", ["blog", "gedicht", "foto", "verslag"])),
                name="studentwerk_soort_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["concept", "gepubliceerd"])),
                name="studentwerk_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("toestemming_wijze", ""),
                    ("toestemming_wijze__in", ["formulier", "e-mail", "digitaal", "anders"]),
                    _connector="OR",
                ),
                name="studentwerk_toestemming_wijze_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "concept"),
                    models.Q(
                        ("toestemming_at__isnull", False),
                        models.Q(("toestemming_wijze", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="studentwerk_published_has_consent",
                violation_error_message="Werk van een student wordt pas gepubliceerd als is vastgelegd wanneer en hoe de student toestemming gaf.",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("tekst", ""), _negated=True),
                    models.Q(("afbeelding", ""), _negated=True),
                    models.Q(("bestand", ""), _negated=True),
                    _connector="OR",
                ),
                name="studentwerk_has_content",
                violation_error_message="Voeg een tekst, een afbeelding of een bestand toe.",
            ),
        ),
        migrations.AddConstraint(
            model_name="studentwerk",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("afbeelding", ""),
                    models.Q(("afbeelding_alt", ""), _negated=True),
                    _connector="OR",
                ),
                name="studentwerk_afbeelding_has_alt",
                violation_error_message="Beschrijf wat er op de afbeelding staat, voor wie hem niet ziet.",
            ),
        ),
    ]
