"""Groups this app needs, with their permissions (``manage.py setup_roles`` applies them)."""

ROLES = {
    # The programmacommissie keeps the question set (concept versions; adopting is a step of
    # its own) and sees the results of every scan, published or not.
    "Programmacommissie": [
        "quickscan.view_vragenset",
        "quickscan.add_vragenset",
        "quickscan.change_vragenset",
        "quickscan.delete_vragenset",
        "quickscan.view_vraag",
        "quickscan.add_vraag",
        "quickscan.change_vraag",
        "quickscan.delete_vraag",
        "quickscan.view_scan",
    ],
}
