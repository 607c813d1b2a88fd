"""Aggregates the ORM of Django 5.2 lacks on every backend."""

from django.db.models import Aggregate, CharField


class NameList(Aggregate):
    """The values of a column joined by ", " into one text (for a line such as "Arnhem,
    Nijmegen" that would otherwise need a query of its own): STRING_AGG in name order on
    PostgreSQL, GROUP_CONCAT on SQLite (in the order SQLite finds the rows)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ', ')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ', ' ORDER BY %(expressions)s)",
            **extra_context,
        )
