"""The English interface is complete: every Dutch interface text in the code has an English
translation that is not a guess (fuzzy), and the compiled catalogue is the one in the file.
Needs GNU gettext, which `make test` installs or asks for (.ci/system-packages)."""

import gettext
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
NOT_CODE = {"locale", "tests", "bench", "var", "staticfiles", "media", "node_modules", "deploy"}


def test_every_interface_text_has_an_english_translation(tmp_path, settings, monkeypatch):
    """makemessages over the code as it is, into a folder of its own (the code is linked
    there, so the project's catalogue is not touched); msgcmp lists the texts the committed
    catalogue lacks, has untranslated or only as a fuzzy guess."""
    for source in Path(settings.BASE_DIR).iterdir():
        if source.is_dir() and source.name not in NOT_CODE and not source.name.startswith("."):
            (tmp_path / source.name).symlink_to(source)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["en"], symlinks=True, verbosity=0)
    current = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgcmp", str(CATALOGUE / "django.po"), str(current)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[:4000]


def test_the_compiled_catalogue_matches_the_translations(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True
    )
    with compiled.open("rb") as fresh, (CATALOGUE / "django.mo").open("rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog
        )
