"""The licence (EUPL-1.2) is the same in LICENSE, pyproject.toml, the installed package's
metadata and publiccode.yml, and publiccode.yml has what the standard requires."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_licence_is_eupl_1_2_everywhere():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    assert "15.Applicable Law" in text  # the whole text, up to its appendix
    assert text.rstrip().endswith("require the production of a new EUPL version.")
    assert project()["license"] == "EUPL-1.2"
    assert project()["license-files"] == ["LICENSE"]
    assert metadata.metadata("werkplaats")["License-Expression"] == "EUPL-1.2"
    assert publiccode()["legal"]["license"] == "EUPL-1.2"


def test_publiccode_has_the_keys_the_standard_requires():
    code = publiccode()

    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "categories"):
        assert code[key], key
    assert code["publiccodeYmlVersion"] in {"0.4", "0.5"}
    assert re.match(r"^https://", code["url"])
    assert "web" in code["platforms"]
    assert code["softwareType"] == "standalone/web"
    assert code["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert code["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    if code["maintenance"]["type"] in {"internal", "community"}:
        assert all(contact["name"] for contact in code["maintenance"]["contacts"])
    assert code["localisation"]["localisationReady"] is True


def test_publiccode_describes_the_portal_in_dutch_and_english():
    descriptions = publiccode()["description"]

    assert set(descriptions) == {"nl", "en"}
    for language, description in descriptions.items():
        assert len(description["shortDescription"]) <= 150, language
        assert "\n" not in description["shortDescription"].strip(), language
        assert 150 <= len(description["longDescription"]) <= 10_000, language
        assert len(description["features"]) >= 5, language


def test_publiccode_tells_the_languages_and_what_the_portal_depends_on():
    code = publiccode()
    depends = {dependency["name"]: dependency for dependency in code["dependsOn"]["open"]}

    assert code["localisation"]["availableLanguages"] == [code for code, _ in settings.LANGUAGES]
    assert depends["PostgreSQL"]["versionMin"] == "15"
    assert project()["requires-python"] == f">={depends['Python']['versionMin']}"
    assert code["softwareVersion"] == project()["version"]
