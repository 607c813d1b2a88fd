"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # The programmacommissie keeps the werkgroepen the werkplaats takes part in: members,
    # activities and what came from them.
    "Programmacommissie": [
        f"landelijk.{action}_{model}"
        for model in ("werkgroep", "lidmaatschap", "werkgroepactiviteit")
        for action in ("add", "change", "delete", "view")
    ],
}
