"""The demo has a few example reactions, labelled as examples, for the trekker's list."""

import pytest

from reacties.models import Reactie
from tests.helpers import run_command
from werkplaats.models import Privacyverklaring

pytestmark = pytest.mark.django_db


def test_the_demo_loads_labelled_example_reactions_once():
    run_command("load_demo")
    reacties = list(Reactie.objects.for_list())
    assert len(reacties) == 3
    for reactie in reacties:
        assert reactie.naam.startswith("Voorbeeld:")
        assert reactie.bericht.startswith("(Dit is een voorbeeld van een reactie.)")
        assert reactie.email.endswith("@example.nl")
        assert reactie.privacy_versie == Privacyverklaring.objects.geldend().versie
    assert {str(reactie.doel) for reactie in reacties} == {
        "Armoede en schulden",
        "Verhalenkamer armoede",
        "Kletsborden",
    }
    run_command("load_demo")  # create-only: a second load adds nothing
    assert Reactie.objects.count() == 3
