"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # Staff of the programmacommissie know the network: they approve who is who.
    "Programmacommissie": ["accounts.view_koppeling", "accounts.change_koppeling"],
}
