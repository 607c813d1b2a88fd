"""The demo publicaties: the named items, valid PDFs, one concept, and create-only loading
(a second run changes nothing, and what is edited on the site survives it)."""

import ast
import re
from pathlib import Path

import pytest

import publicaties
from publicaties.demo import PDF_FOOTER, demo_pdf
from publicaties.models import Auteurschap, Publicatie, Soort, Status
from tests.helpers import run_command
from werkplaats.fixtures import read
from werkplaats.uploads import PDF, detect_document_type, validate_document

pytestmark = pytest.mark.django_db

# slug: (soort, leerateliers) for the items the seeds name.
NAMED = {
    "werken-aan-bestaanszekerheid": (
        Soort.HANDREIKING,
        {"armoede-en-schulden", "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"},
    ),
    "sociale-kwaliteit-voor-een-sterke-sociale-basis": (
        Soort.ESSAY,
        {"samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"},
    ),
    "kennisclip-over-sociale-kwaliteit": (
        Soort.KENNISCLIP,
        {"samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"},
    ),
    "keynote-bestaanszekerheid-door-de-bril-van-sociale-kwaliteit": (
        Soort.KENNISCLIP,
        {"armoede-en-schulden", "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis"},
    ),
    "podcast-signaleren-bespreken-en-doorbreken-van-armoede": (
        Soort.PODCAST,
        {"armoede-en-schulden"},
    ),
    "podcast-over-eenzaamheid-onder-jongeren": (
        Soort.PODCAST,
        {"eenzaamheid-en-betekenisvol-contact"},
    ),
    "kletsborden": (Soort.SPEL, {"eenzaamheid-en-betekenisvol-contact"}),
    "in-verbinding-met-de-wijk": (Soort.HANDREIKING, {"eenzaamheid-en-betekenisvol-contact"}),
    "routekaart-in-gesprek-over-eenzaamheid": (
        Soort.METHODIEK,
        {"eenzaamheid-en-betekenisvol-contact"},
    ),
    "landelijke-module-eenzaamheid": (
        Soort.ONDERWIJSMODULE,
        {"eenzaamheid-en-betekenisvol-contact"},
    ),
    "leren-van-lerende-praktijken-17-leernetwerken": (
        Soort.RAPPORT,
        {"evalueren-van-sociale-interventies"},
    ),
    "meer-dan-een-baan-alleen": (Soort.ARTIKEL, {"jip"}),
    "nieuwsbrief-oktober-2020": (
        Soort.NIEUWSBRIEF,
        {
            "armoede-en-schulden",
            "eenzaamheid-en-betekenisvol-contact",
            "jip",
            "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis",
        },
    ),
    "magazine-op-afstand-nabij": (Soort.MAGAZINE, set()),
    "sociale-basis-op-orde-minder-praten-meer-doen": (
        Soort.NIEUWS,
        {
            "armoede-en-schulden",
            "samen-wonen-in-de-wijk",
            "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis",
        },
    ),
    "energietransitie-in-kansarme-wijken": (Soort.NIEUWS, {"samen-wonen-in-de-wijk"}),
    "de-leerateliers-van-de-werkplaats": (
        Soort.KENNISCLIP,
        {
            "armoede-en-schulden",
            "eenzaamheid-en-betekenisvol-contact",
            "samenwerken-aan-sociale-kwaliteit-in-de-sociale-basis",
        },
    ),
    "heumense-aanpak-eenzaamheid": (Soort.METHODIEK, {"eenzaamheid-en-betekenisvol-contact"}),
}

WITH_PDF = {
    "werken-aan-bestaanszekerheid",
    "sociale-kwaliteit-voor-een-sterke-sociale-basis",
    "in-verbinding-met-de-wijk",
    "leren-van-lerende-praktijken-17-leernetwerken",
    "meer-dan-een-baan-alleen",
    "nieuwsbrief-oktober-2020",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def load_demo():
    return run_command("load_demo")


def created(output):
    """What ``load_demo`` says it created, by label: ``{"publicaties": 22, …}``."""
    summary = output.strip().split(": ", 1)[1].rstrip(".")
    if summary == "niets":
        return {}
    return {label: int(n) for n, label in (part.split(" ", 1) for part in summary.split(", "))}


def dump_publicaties():
    return run_command("dumpdata", "publicaties", format="json", indent=1)


def media_files(root):
    """The files the publicaties keep (other apps' demo files live beside them)."""
    folder = root / "publicaties"
    return {path.relative_to(root) for path in folder.rglob("*") if path.is_file()}


def test_loads_every_publicatie_of_the_fixtures_and_says_so():
    counts = created(load_demo())
    rows = read("publicaties")["publicatie"]
    assert set(Publicatie.objects.values_list("slug", flat=True)) == {row["slug"] for row in rows}
    assert counts["publicaties"] == len(rows)
    assert counts["auteurs"] == Auteurschap.objects.count() == sum(len(r["auteurs"]) for r in rows)


def test_the_named_items_have_their_soort_and_leerateliers():
    load_demo()
    loaded = {
        publicatie.slug: (
            publicatie.soort,
            set(publicatie.leerateliers.values_list("slug", flat=True)),
        )
        for publicatie in Publicatie.objects.filter(slug__in=NAMED)
    }
    assert loaded == NAMED


def test_the_titles_of_the_named_items():
    load_demo()
    titels = set(Publicatie.objects.values_list("titel", flat=True))
    assert {
        "Werken aan bestaanszekerheid",
        "Sociale Kwaliteit voor een sterke Sociale Basis",
        "Kennisclip over Sociale Kwaliteit",
        "Keynote: Bestaanszekerheid door de bril van sociale kwaliteit",
        "Signaleren, bespreken en doorbreken van armoede — podcast",
        "Podcast over eenzaamheid onder jongeren",
        "Kletsborden",
        "In verbinding met de wijk",
        "Routekaart 'In gesprek over eenzaamheid'",
        "Meer dan een baan alleen",
        "Nieuwsbrief oktober 2020",
        "Magazine 'Op afstand nabij'",
        "Sociale basis op orde: minder praten, meer doen!",
        "Hoe realiseren we de energietransitie in kansarme wijken?",
        "De leerateliers van de werkplaats",
        "Heumense aanpak eenzaamheid",
    } <= titels


def test_every_publicatie_is_complete_and_dutch():
    load_demo()
    for publicatie in Publicatie.objects.all():
        publicatie.full_clean()
        assert publicatie.taal == "nl", publicatie.slug
        assert 2 <= len(re.findall(r"[.?!](\s|$)", publicatie.samenvatting)) <= 4, publicatie.slug
        assert publicatie.themas.exists(), publicatie.slug
        assert publicatie.voorwaarden.exists(), publicatie.slug
        assert publicatie.activiteiten.exists(), publicatie.slug
        assert publicatie.organisaties.exists() or publicatie.auteurschappen.exists()


def test_dates_follow_the_seeds():
    load_demo()
    dates = dict(Publicatie.objects.values_list("slug", "gepubliceerd_on"))
    assert str(dates["nieuwsbrief-oktober-2020"]) == "2020-10-01"
    assert str(dates["sociale-basis-op-orde-minder-praten-meer-doen"]).startswith("2022-04")
    assert str(dates["keynote-bestaanszekerheid-door-de-bril-van-sociale-kwaliteit"]) < "2022-04"
    assert str(dates["magazine-op-afstand-nabij"]).startswith("2021-0")


def test_the_armoede_podcast_belongs_to_the_leeratelier_and_its_trekker():
    load_demo()
    podcast = Publicatie.objects.get(slug="podcast-signaleren-bespreken-en-doorbreken-van-armoede")
    assert podcast.soort == Soort.PODCAST
    assert list(podcast.leerateliers.values_list("slug", flat=True)) == ["armoede-en-schulden"]
    assert podcast.auteurs == ["Carinda Jansen"]
    assert set(podcast.activiteiten.values_list("slug", flat=True)) == {
        "onderzoek",
        "ontwikkeling",
    }


def test_authors_keep_their_order():
    load_demo()
    assert Publicatie.objects.get(slug="werken-aan-bestaanszekerheid").auteurs == [
        "Lisbeth Verharen",
        "Carinda Jansen",
    ]
    assert Publicatie.objects.get(slug="meer-dan-een-baan-alleen").auteurs == [
        "Maritza Gerritsen",
        "Joos Meesters",
    ]
    assert Publicatie.objects.get(slug="heumense-aanpak-eenzaamheid").auteurs == [
        "Meike Heessels",
        "Annica Brummel",
    ]
    rapport = Publicatie.objects.get(slug="leren-van-lerende-praktijken-17-leernetwerken")
    assert rapport.auteurs == ["Erik Jansen", "Landelijke werkgroep Lerende Praktijken"]
    assert [a.persoon_id is None for a in rapport.auteurschappen.all()] == [False, True]


def test_the_generated_pdfs_are_accepted_as_documents(media):
    load_demo()
    with_file = Publicatie.objects.exclude(bestand="")
    assert set(with_file.values_list("slug", flat=True)) == WITH_PDF
    for publicatie in with_file:
        assert publicatie.bestand.name == f"publicaties/bestanden/{publicatie.slug}.pdf"
        assert (media / publicatie.bestand.name).is_file()
        with publicatie.bestand.open("rb") as document:
            validate_document(document)
            assert detect_document_type(document) == PDF
        assert publicatie.bestand_type == "PDF"
        assert publicatie.bestand_grootte == publicatie.bestand.size


def test_the_pdf_is_one_page_with_a_correct_xref_table():
    data = demo_pdf("Signaleren (en) doorbreken \\ van armoede — geïsoleerde € huizen")
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 8\n")
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf]) \n", data[startxref:])
    assert entries[0] == (b"0000000000", b"65535", b"f")
    for number, (offset, _, kind) in enumerate(entries[1:], start=1):
        assert kind == b"n"
        assert data[int(offset) :].startswith(b"%d 0 obj\n" % number)
    assert data.count(b"/Type /Page ") == 1
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", data).group(1))
    stream_start = data.index(b"stream\n") + len(b"stream\n")
    assert data[stream_start + length :].startswith(b"\nendstream")
    stream = data[stream_start : stream_start + length].decode("ascii")
    assert "(Signaleren \\(en\\) doorbreken \\\\ van armoede \\227" in stream
    assert f"({PDF_FOOTER})" in stream


def test_a_second_run_changes_nothing(media):
    load_demo()
    before, files = dump_publicaties(), media_files(media)
    assert len(files) == len(WITH_PDF)
    assert created(load_demo()).keys().isdisjoint({"publicaties", "auteurs"})
    assert dump_publicaties() == before
    assert media_files(media) == files


def test_what_is_edited_on_the_site_survives_loading_again():
    load_demo()
    publicatie = Publicatie.objects.get(slug="in-verbinding-met-de-wijk")
    publicatie.samenvatting = "Een eigen samenvatting. Door de redactie herschreven."
    publicatie.save()
    publicatie.auteurschappen.get(volgorde=1).delete()
    publicatie.themas.remove(publicatie.themas.get(slug="zingeving"))
    kletsborden = Publicatie.objects.get(slug="kletsborden")
    kletsborden.status = Status.CONCEPT
    kletsborden.save()
    before = dump_publicaties()

    assert created(load_demo()).keys().isdisjoint({"publicaties", "auteurs"})
    assert dump_publicaties() == before
    publicatie.refresh_from_db()
    assert publicatie.samenvatting == "Een eigen samenvatting. Door de redactie herschreven."
    assert publicatie.auteurs == ["Meike Heessels"]
    assert not publicatie.themas.filter(slug="zingeving").exists()
    assert Publicatie.objects.get(slug="kletsborden").status == Status.CONCEPT


def test_a_removed_publicatie_comes_back_with_its_authors():
    load_demo()
    Publicatie.objects.get(slug="heumense-aanpak-eenzaamheid").delete()
    counts = created(load_demo())
    assert (counts["publicaties"], counts["auteurs"]) == (1, 2)
    assert Publicatie.objects.get(slug="heumense-aanpak-eenzaamheid").auteurs == [
        "Meike Heessels",
        "Annica Brummel",
    ]


def test_a_file_removed_on_the_site_stays_removed(media):
    load_demo()
    publicatie = Publicatie.objects.get(slug="meer-dan-een-baan-alleen")
    publicatie.bestand.delete()
    load_demo()
    publicatie.refresh_from_db()
    assert not publicatie.bestand
    assert media_files(media) == {
        Path(name)
        for name in Publicatie.objects.exclude(bestand="").values_list("bestand", flat=True)
    }


def test_a_demo_pdf_gone_from_storage_is_written_again(media):
    load_demo()
    publicatie = Publicatie.objects.get(slug="meer-dan-een-baan-alleen")
    (media / publicatie.bestand.name).unlink()
    load_demo()
    publicatie.refresh_from_db()
    assert publicatie.bestand.name == "publicaties/bestanden/meer-dan-een-baan-alleen.pdf"
    assert (media / publicatie.bestand.name).read_bytes() == demo_pdf(publicatie.titel)


def test_loading_again_on_an_emptied_database_writes_no_new_files(media):
    load_demo()
    files = media_files(media)
    Publicatie.objects.all().delete()
    load_demo()
    assert media_files(media) == files
    assert Publicatie.objects.exclude(bestand="").count() == len(WITH_PDF)


def test_the_one_concept_stays_invisible():
    load_demo()
    concept = Publicatie.objects.get(status=Status.CONCEPT)
    assert concept.slug == "handreiking-lerende-praktijken"
    assert concept not in Publicatie.objects.published()
    assert concept not in Publicatie.objects.for_list()
    assert Publicatie.objects.published().count() == Publicatie.objects.count() - 1


def _imported_names(tree):
    """The dotted names a module imports, also through importlib with a literal name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield from (f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            yield from (
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )


def test_no_module_of_the_app_imports_a_migration():
    """Migrations are history: code that runs today looks rows up, it does not run them."""
    root = Path(publicaties.__file__).parent
    offenders = [
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in _imported_names(ast.parse(path.read_text(), filename=str(path)))
        if re.search(r"(^|\.)migrations\.\w", name) and not name.startswith("django.")
    ]
    assert offenders == []
