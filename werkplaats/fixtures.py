"""The demo content is data in ``fixtures/``: TOML files keyed by natural keys (slugs, names,
dates), never by primary keys. This is the one loader for them (``manage.py load_demo`` runs
each app's ``demo.load(loader)``, lowest floor first).

The policy, field by field: **create-only**. A row the fixtures name is created when it is
missing, with every field the fixtures give, and is then left alone, so what is edited on the
site or in the admin survives loading again. The few fields kept current on every load are
named where they are loaded (``current=``); the demo accounts are the only ones that have any.
Every row passes the model's ``full_clean()`` before it is saved, but for its constraints, which
the database holds as it saves the row (checking them first would ask it once more per
constraint, a third of the loading time); writes that touch several rows go through the app's
services, so the loader can never make what the site would refuse.
"""

import tomllib
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import models

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def read(name: str) -> dict:
    """The tables of ``fixtures/<name>.toml``."""
    with (FIXTURES / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


class Loader:
    """Creates what is missing and counts it, per kind of row."""

    def __init__(self):
        self.created: Counter[str] = Counter()

    def count(self, model: type[models.Model], number: int = 1) -> None:
        self.created[str(model._meta.verbose_name_plural)] += number

    def ensure(
        self,
        model: type[models.Model],
        key: dict,
        fields: dict | None = None,
        *,
        m2m: dict | None = None,
        current: dict | None = None,
    ) -> models.Model:
        """The row with ``key``: created from ``fields``, ``current`` and ``m2m`` when it is
        missing; otherwise only ``current`` is brought up to date."""
        row = model._default_manager.filter(**key).first()
        if row is None:
            row = model(**key, **(fields or {}), **(current or {}))
            row.full_clean(validate_constraints=False)  # the database holds them (below)
            row.save()
            for name, related in (m2m or {}).items():
                getattr(row, name).set(related)
            self.count(model)
            return row
        changed = [name for name, value in (current or {}).items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, current[name])
            row.full_clean(validate_constraints=False)
            row.save(update_fields=changed)
        return row

    @staticmethod
    def by(model: type[models.Model], values, field: str = "slug") -> dict:
        """The rows of ``model`` whose ``field`` is one of ``values``, by that value; a value
        the database does not have is an error in the fixtures."""
        wanted = set(values)
        rows = {
            getattr(row, field): row
            for row in model._default_manager.filter(**{f"{field}__in": wanted})
        }
        missing = wanted - rows.keys()
        if missing:
            names = ", ".join(sorted(map(str, missing)))
            raise LookupError(f"{model._meta.verbose_name} ontbreekt in de database: {names}")
        return rows

    def summary(self) -> str:
        return ", ".join(f"{count} {label}" for label, count in self.created.items()) or "niets"
