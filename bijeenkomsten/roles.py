"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them).

The programmacommissie plans bijeenkomsten, reads and cancels registrations and sends the
messages; registering is done on the site, by anyone."""

ROLES = {
    "Programmacommissie": [
        *(
            f"bijeenkomsten.{action}_{model}"
            for model in ("bijeenkomst", "verslagbijlage")
            for action in ("add", "change", "delete", "view")
        ),
        "bijeenkomsten.change_aanmelding",
        "bijeenkomsten.view_aanmelding",
        "bijeenkomsten.view_bericht",
    ],
}
