"""The import contract of the floors (pyproject.toml, run by `make lint`) holds, and breaks
as soon as an app imports from a floor above it."""

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
        "netwerk | nieuwsbrief | reacties",  # they compose publicaties (and bijeenkomsten)
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
