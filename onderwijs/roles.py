"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # The programmacommissie keeps education on the site, and the students' consent with it.
    "Programmacommissie": [
        f"onderwijs.{action}_{model}"
        for model in ("opleiding", "onderwijsactiviteit", "studentwerk", "praktijkactiviteit")
        for action in ("add", "change", "delete", "view")
    ],
}
