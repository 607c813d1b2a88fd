"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    "Programmacommissie": [
        # --- Subscriptions: read-only (erasing an address on request is for the beheerder).
        "nieuwsbrief.view_inschrijving",
        "nieuwsbrief.view_afmelding",
        # --- Editions: composing, previewing and (a permission of its own) sending.
        *(
            f"nieuwsbrief.{action}_{model}"
            for model in ("editie", "item")
            for action in ("add", "change", "delete", "view")
        ),
        "nieuwsbrief.send_editie",
        "nieuwsbrief.view_bezorging",
    ],
}
