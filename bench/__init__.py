"""Benchmarks of our own, kept out of the apps: ``python -m bench <name> [options]`` runs the
``Command`` of ``bench/<name>.py`` with the portal's settings (see ``make bench-…``). They print
figures; they never pass or fail."""
