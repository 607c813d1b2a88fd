"""Who changed a lerende praktijk or geleerde les, when, and what: the short list on their edit
pages, read from the history that simple_history keeps (three queries, however long)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name


@dataclass(frozen=True)
class Wijziging:
    op: datetime.datetime
    door: str
    velden: list[str]  # the names of the fields that changed, as the form calls them
    is_nieuw: bool = False


def _door(user) -> str:
    """The name of the user's persoon, else the account's name; never its email address
    (a beheerder's login is not for trekkers to read)."""
    if user is None:
        return _("onbekend")
    persoon = getattr(user, "persoon", None)
    if persoon is not None:
        return persoon.naam
    return user.get_full_name() or (_("een beheerder") if user.is_staff else _("een gebruiker"))


def wijzigingen(instance, limit: int = 10, labels: dict | None = None) -> list[Wijziging]:
    """The newest ``limit`` changes of ``instance``, newest first, each field named by its
    label in ``labels`` (a form's) or else by its verbose name. A save that changed nothing
    is left out; the oldest change shown is compared with the one before it."""
    labels = labels or {}
    model = type(instance)
    m2m_fields = list(model.history.model._history_m2m_fields)
    m2m = {}  # field name: (accessor on a history record, the related object's id column)
    for field in m2m_fields:
        through = getattr(model.history.model, field.name).model
        accessor = through._meta.get_field("history").remote_field.get_accessor_name()
        m2m[field.name] = (accessor, get_m2m_reverse_field_name(field) + "_id")
    records = list(
        instance.history.select_related("history_user__persoon")
        .prefetch_related(*(accessor for accessor, _column in m2m.values()))
        .order_by("-history_date", "-history_id")[: limit + 1]
    )

    def related(record, name):
        accessor, column = m2m[name]
        return {getattr(row, column) for row in getattr(record, accessor).all()}

    found = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(found) == limit:
            break
        door = _door(newer.history_user)
        if newer.history_type == "+":
            found.append(Wijziging(newer.history_date, door, [], is_nieuw=True))
            continue
        if older is None:
            # The first change of a row older than its history: what it was is not known.
            if len(records) <= limit:
                found.append(Wijziging(newer.history_date, door, []))
            continue
        names = newer.diff_against(older, excluded_fields=list(m2m)).changed_fields
        names += [name for name in m2m if related(newer, name) != related(older, name)]
        if names:
            velden = sorted(
                str(labels.get(name) or model._meta.get_field(name).verbose_name) for name in names
            )
            found.append(Wijziging(newer.history_date, door, velden))
    return found
