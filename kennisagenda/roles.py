"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    "Programmacommissie": [
        *(
            f"kennisagenda.{action}_{model}"
            for model in ("kennisagenda", "kwestie", "agendapunt", "commissielid", "besluit")
            for action in ("add", "change", "delete", "view")
        ),
        # To pick leerateliers, personen and organisaties in the kennisagenda forms.
        "leerateliers.view_leeratelier",
        "werkplaats.view_persoon",
        "werkplaats.view_organisatie",
        "werkplaats.view_voorwaarde",
    ],
}
