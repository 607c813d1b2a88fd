"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # Reactions come from the site; the programmacommissie follows them up and, on request,
    # deletes one.
    "Programmacommissie": [
        "reacties.view_reactie",
        "reacties.change_reactie",
        "reacties.delete_reactie",
    ],
}
