"""The import contract of the floors (pyproject.toml, run by `make lint`) holds, and breaks
as soon as an app imports from a floor above it."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's Python files, to break on purpose."""
    for package in packages():
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("templates", "static", "__pycache__", "*.mo", "*.po"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_floors_are_the_ones_of_the_design():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    assert contract["layers"] == [
        "portaal",
        # They compose publicaties and bijeenkomsten: the picture, the nieuwsbrief, reactions,
        # the national network and education.
        "netwerk | nieuwsbrief | reacties | landelijk | onderwijs | quickscan",
        "publicaties | kennisagenda | bijeenkomsten",
        "leerateliers",
        "accounts",
        "werkplaats",
    ]


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("werkplaats/text.py", "from accounts.models import Koppeling"),
        ("leerateliers/forms.py", "from bijeenkomsten.models import Aanmelding"),
        ("publicaties/search.py", "from kennisagenda.models import Kwestie"),  # same floor
        ("netwerk/graph.py", "from portaal import views"),
        ("netwerk/graph.py", "from nieuwsbrief.models import Editie"),  # same floor
        ("reacties/services.py", "from nieuwsbrief.models import Editie"),  # same floor
    ],
)
def test_an_import_from_a_floor_above_breaks_the_contract(tree, module, upward):
    assert lint_imports(tree).returncode == 0  # the copy holds, as the project does
    with (tree / module).open("a") as source:
        source.write(f"\n\ndef hidden():\n    {upward}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} ->" in result.stdout
    assert "BROKEN" in result.stdout


def floors():
    """Each app with the number of its floor, 0 the lowest."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return {
        app.strip(): len(contract["layers"]) - 1 - number
        for number, floor in enumerate(contract["layers"])
        for app in floor.split("|")
    }


def test_no_template_loads_a_tag_library_of_a_floor_above():
    """The import contract does not read templates: a ``{% load %}`` of a higher app's tags
    would tie a lower floor to it unseen. A lower page leaves a ``{% plek %}`` instead."""
    floor = floors()
    library_of = {
        path.stem: path.parts[-3]
        for app in floor
        for path in (ROOT / app).glob("templatetags/*.py")
        if path.stem != "__init__"
    }
    upward = []
    for app in floor:
        for template in (ROOT / app / "templates").rglob("*.html"):
            for names in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", template.read_text()):
                for name in names.split():
                    owner = library_of.get(name)
                    if owner is not None and floor[owner] > floor[app]:
                        upward.append(f"{template.relative_to(ROOT)} loads {name} ({owner})")
    assert upward == []


def test_a_place_nobody_fills_stays_empty_and_a_filled_one_shows_what_was_put_there():
    from django.template import Context, Template
    from django.utils.html import format_html

    from werkplaats import plekken

    template = Template('{% load werkplaats_tags %}[{% plek "proef" "x" %}][{% plek "leeg" %}]')
    plekken.vul("proef", lambda waarde: format_html("<b>{}</b>", waarde))
    assert template.render(Context()) == "[<b>x</b>][]"
