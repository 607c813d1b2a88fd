"""``python -m bench search|netwerk|pages [options]``: one benchmark with the portal's settings."""

import importlib
import os
import sys

from django.core.management import call_command

BENCHMARKS = ("search", "netwerk", "pages")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in BENCHMARKS:
        sys.exit(f"Gebruik: python -m bench {{{'|'.join(BENCHMARKS)}}} [opties]")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")
    # Set up as a gunicorn worker is (Django, and the garbage collector as werkplaats.wsgi
    # leaves it), for the benchmarks that time requests in this process.
    importlib.import_module("werkplaats.wsgi")
    name, *options = argv
    call_command(importlib.import_module(f"bench.{name}").Command(), *options)


if __name__ == "__main__":
    main(sys.argv[1:])
