"""Personal data of the kennisagenda: who changed it, kept in its history (see
``werkplaats.privacy`` for what these modules declare). Members of the programmacommissie are
personen, a public record that ``werkplaats.privacy`` keeps with only the name."""

from django.db.models import CharField, Value

from werkplaats.models import User

from .models import Agendapunt, Besluit, Commissielid, Kennisagenda, Kwestie

TRACKED = [Kennisagenda, Kwestie, Agendapunt, Commissielid, Besluit]
CHANGE = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}

COVERS = {
    model.history.model: "exported; the history keeps the change, the link to the account is "
    "cleared when the account goes"
    for model in TRACKED
}


def export(user: User) -> dict:
    """The changes the user made, all tracked models in one query."""
    rows = [
        model.history.filter(history_user=user)
        .annotate(wat=Value(str(model._meta.verbose_name), output_field=CharField()))
        .order_by()
        .values_list("wat", "id", "history_type", "history_date")
        for model in TRACKED
    ]
    changes = rows[0].union(*rows[1:], all=True)
    return {
        "wijzigingen_in_de_kennisagenda": [
            {"wat": wat, "nummer": pk, "wijziging": CHANGE.get(kind, kind), "op": when}
            for wat, pk, kind, when in sorted(changes, key=lambda row: row[3])
        ]
    }


def erase(user: User) -> None:
    """Nothing to do: deleting the account clears the history's link to it."""
