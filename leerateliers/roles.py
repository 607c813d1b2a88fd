"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them).

Onderzoeker and Partnercontact work on the site, not in the admin; which leerateliers and
organisations their permissions reach is decided in ``leerateliers/permissions.py``.
"""

MODELS = (
    "leeratelier",
    "vraagstuk",
    "trekkerschap",
    "deelname",
    "lerendepraktijk",
    "geleerdeles",
    "tribuneupdate",
)

ROLES = {
    "Programmacommissie": [
        f"leerateliers.{action}_{model}"
        for model in MODELS
        for action in ("add", "change", "delete", "view")
    ],
    "Onderzoeker": [
        "leerateliers.add_tribuneupdate",
        "leerateliers.change_tribuneupdate",
        "leerateliers.view_tribuneupdate",
    ],
    "Partnercontact": ["leerateliers.change_deelname", "leerateliers.view_deelname"],
}
