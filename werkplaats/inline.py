"""Related rows read as a column of the parent's own query, instead of a query per relation.

``prefetch_related("voorwaarden")`` costs a query of its own; for the short lists a page shows
beside an object (its voorwaarden, thema's, gemeenten, vraagstukken) ``inline(queryset,
"voorwaarden")`` asks for them in the same query, as one JSON column per relation (a correlated
subquery: JSONB_AGG on PostgreSQL, JSON_GROUP_ARRAY on SQLite), and turns that column back into
model instances in the place ``prefetch_related`` would have put them: ``obj.voorwaarden.all()``
and templates work unchanged, without a query.

Each relation gives at most ``LIMIT`` rows, in the order of its queryset (the model's ordering
unless one is given), so it is meant for the short lists, not for relations that grow with the
data.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import JSONField, OuterRef, Subquery
from django.db.models.query import ModelIterable

LIMIT = 500
PREFIX = "_inline_"


class JSONRows(Subquery):
    """The ``fields`` of the rows of ``queryset`` as a JSON list of objects."""

    output_field = JSONField()

    def __init__(self, queryset, fields, limit=LIMIT, **extra):
        self.fields = list(fields)
        self.model = queryset.model
        rows = queryset.values(*self.fields)
        super().__init__(rows if limit is None else rows[:limit], **extra)

    def as_sql(self, compiler, connection, template=None, **extra_context):
        quote = connection.ops.quote_name
        pairs = ", ".join(f"'{name}', inlined.{quote(name)}" for name in self.fields)
        if connection.vendor == "postgresql":
            rows = f"COALESCE(JSONB_AGG(JSONB_BUILD_OBJECT({pairs})), '[]'::jsonb)"
        else:
            rows = f"COALESCE(JSON_GROUP_ARRAY(JSON_OBJECT({pairs})), '[]')"
        template = f"(SELECT {rows} FROM (%(subquery)s) inlined)"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class InlineIterable(ModelIterable):
    """Model instances whose ``_inline_<relation>`` columns become prefetched relations."""

    def __iter__(self):
        inlined = [
            (alias, alias.removeprefix(PREFIX), expression)
            for alias, expression in self.queryset.query.annotations.items()
            if alias.startswith(PREFIX)
        ]
        db = self.queryset.db
        for obj in super().__iter__():
            for alias, relation, expression in inlined:
                rows = obj.__dict__.pop(alias) or []
                _prefetched(obj, relation, [_instance(expression, db, row) for row in rows])
            yield obj


def inline(queryset, *relations, **ordered):
    """``queryset`` with ``relations`` (names of many-to-many or reverse foreign-key
    relations of its model; with a queryset of the related model to filter or order them, as
    keyword arguments; ``only()`` on it names the columns wanted) read in its own query."""
    wanted = dict.fromkeys(relations) | ordered
    annotations = {}
    for name, related in wanted.items():
        field = queryset.model._meta.get_field(name)
        if related is None:
            related = field.related_model._default_manager.all()
        if field.auto_created and not field.concrete:  # the reverse side of a relation
            lookup = field.field.name
        else:
            lookup = field.related_query_name()
        annotations[PREFIX + name] = JSONRows(
            related.filter(**{lookup: OuterRef("pk")}), _columns(related)
        )
    inlined = queryset.annotate(**annotations)
    inlined._iterable_class = InlineIterable
    return inlined


def _columns(queryset):
    """The columns of ``queryset``'s rows: those of ``only()``, or all of them."""
    names, deferred = queryset.query.deferred_loading
    opts = queryset.model._meta
    if names and not deferred:
        wanted = [opts.pk.attname, *(opts.get_field(name).attname for name in sorted(names))]
        return list(dict.fromkeys(wanted))
    return [field.attname for field in opts.concrete_fields if field.name not in names]


def _instance(expression, db, row):
    """A model instance as if read from the database (JSON gives dates as text and booleans as
    numbers on SQLite; each field turns its value back)."""
    model = expression.model
    values = [model._meta.get_field(name).to_python(row[name]) for name in expression.fields]
    return model.from_db(db, expression.fields, values)


def _prefetched(obj, relation, instances):
    """Put ``instances`` where ``prefetch_related(relation)`` puts what it fetched."""
    manager = getattr(obj, relation)
    cache_name = getattr(manager, "prefetch_cache_name", None)
    if cache_name is None:  # the reverse side of a foreign key: each row knows its parent
        cache_name = manager.field.remote_field.cache_name
        for instance in instances:
            manager.field.set_cached_value(instance, obj)
    queryset = manager.get_queryset()
    queryset._result_cache = instances
    queryset._prefetch_done = True
    obj._prefetched_objects_cache = getattr(obj, "_prefetched_objects_cache", {})
    obj._prefetched_objects_cache[cache_name] = queryset


def fetch_together(**querysets):
    """The rows of several querysets (short ones: at most ``LIMIT`` each) in one query,
    ``{name: [instances]}``: each is a JSON column of one ``SELECT`` without a table."""
    parts = {name: JSONRows(queryset, _columns(queryset)) for name, queryset in querysets.items()}
    db = _db(querysets)
    return {
        name: [_instance(parts[name], db, row) for row in rows]
        for name, rows in _select(parts, db).items()
    }


def values_together(**querysets):
    """The rows of several ``values()`` querysets in one query, ``{name: [dicts]}``, however
    many rows each has (flat rows for a whole picture, where model instances cost too much)."""
    parts = {
        name: JSONRows(queryset, queryset._fields, limit=None)
        for name, queryset in querysets.items()
    }
    return _select(parts, _db(querysets))


def _db(querysets):
    return next(iter(querysets.values())).db if querysets else None


def _select(parts, db):
    """``{name: JSONRows}`` read as the columns of one ``SELECT`` without a table."""
    if not parts:
        return {}
    columns, params = [], []
    for rows in parts.values():
        compiler = rows.query.get_compiler(using=db)
        try:
            sql, part_params = rows.as_sql(compiler, compiler.connection)
        except EmptyResultSet:  # queryset.none()
            sql, part_params = "'[]'", ()
        columns.append(sql)
        params.extend(part_params)
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        values = cursor.fetchone()
    return {name: _decoded(value) for name, value in zip(parts, values, strict=True)}


def _decoded(value):
    return json.loads(value) if isinstance(value, str | bytes) else (value or [])
