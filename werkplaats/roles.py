"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # The programmacommissie keeps the network's content; accounts stay with the beheerder.
    "Programmacommissie": [
        *(
            f"werkplaats.{action}_{model}"
            for model in ("thema", "gemeente", "organisatie", "persoon")
            for action in ("add", "change", "delete", "view")
        ),
        "werkplaats.change_voorwaarde",
        "werkplaats.view_voorwaarde",
    ],
}
