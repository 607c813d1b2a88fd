"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    "Programmacommissie": [
        *(
            f"publicaties.{action}_{model}"
            for model in ("publicatie", "auteurschap", "link")
            for action in ("add", "change", "delete", "view")
        ),
        "publicaties.view_activiteit",
        "publicaties.view_grafsteen",
    ],
}
