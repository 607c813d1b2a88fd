"""The programmacommissie's workbench: what waits for a member, what happened, and the network
in figures. Each count and series comes from the owning app's querysets."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from heapq import merge
from itertools import islice
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from simple_history.models import registered_models

from accounts.models import Koppeling, KoppelingStatus
from bijeenkomsten.models import Bijeenkomst
from kennisagenda.models import AgendaStatus, Besluit, Kennisagenda
from leerateliers.models import TribuneUpdate
from nieuwsbrief.models import Editie, EditieStatus, Inschrijving
from quickscan.models import Scan
from reacties.models import Reactie
from reacties.models import Status as ReactieStatus

# Changes shown on the admin's front page; /beheer/gebeurd/ shows more, per app.
OP_VOORPAGINA = 10
# The most /beheer/gebeurd/ shows at once (narrow it down per app).
OP_GEBEURD = 100

# --- Te doen ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taak:
    """One line of "te doen": how many rows wait, said in a sentence, and the admin list that
    shows exactly those rows."""

    tekst: str
    aantal: int
    url: str


@dataclass(frozen=True)
class _Soort:
    model: type
    permission: str  # what a member needs to work on these rows in the admin
    rows: Callable  # the owning app's rule for ``user``, called only when they may see the line
    filter: dict  # the changelist's own filter for the same rows
    tekst: object  # ngettext_lazy with %(count)d


SOORTEN = [
    _Soort(
        Koppeling,
        "accounts.change_koppeling",
        lambda user: Koppeling.objects.to_decide_by(user),
        {"status__exact": KoppelingStatus.AANGEVRAAGD},
        ngettext_lazy(
            "%(count)d koppeling wacht op goedkeuring",
            "%(count)d koppelingen wachten op goedkeuring",
            "count",
        ),
    ),
    _Soort(
        Reactie,
        "reacties.change_reactie",
        lambda user: Reactie.objects.nieuw(),
        {"status__exact": ReactieStatus.NIEUW},
        ngettext_lazy(
            "%(count)d nieuwe reactie wacht op opvolging",
            "%(count)d nieuwe reacties wachten op opvolging",
            "count",
        ),
    ),
    _Soort(
        Bijeenkomst,
        "bijeenkomsten.change_bijeenkomst",
        lambda user: Bijeenkomst.objects.awaiting_verslag(),
        {"verslag": "te-versturen"},
        ngettext_lazy(
            "%(count)d bijeenkomst is voorbij en het verslag is nog niet verstuurd",
            "%(count)d bijeenkomsten zijn voorbij en het verslag is nog niet verstuurd",
            "count",
        ),
    ),
    _Soort(
        Kennisagenda,
        "kennisagenda.change_kennisagenda",
        lambda user: Kennisagenda.objects.concepts(),
        {"status__exact": AgendaStatus.CONCEPT},
        ngettext_lazy(
            "%(count)d conceptversie van de kennisagenda",
            "%(count)d conceptversies van de kennisagenda",
            "count",
        ),
    ),
    _Soort(
        Besluit,
        "kennisagenda.change_besluit",
        lambda user: Besluit.objects.about_concepts(),
        {"versie": "concept"},
        ngettext_lazy(
            "%(count)d besluit over een conceptversie (nog niet openbaar)",
            "%(count)d besluiten over een conceptversie (nog niet openbaar)",
            "count",
        ),
    ),
    _Soort(
        Editie,
        "nieuwsbrief.change_editie",
        lambda user: Editie.objects.concepts(),
        {"status__exact": EditieStatus.CONCEPT},
        ngettext_lazy(
            "%(count)d editie van de nieuwsbrief in concept",
            "%(count)d edities van de nieuwsbrief in concept",
            "count",
        ),
    ),
    _Soort(
        Editie,
        "nieuwsbrief.send_editie",
        lambda user: Editie.objects.with_failed_deliveries(),
        {"bezorging": "mislukt"},
        ngettext_lazy(
            "%(count)d editie van de afgelopen maand met mislukte bezorgingen",
            "%(count)d edities van de afgelopen maand met mislukte bezorgingen",
            "count",
        ),
    ),
    _Soort(
        Inschrijving,
        "nieuwsbrief.change_inschrijving",
        lambda user: Inschrijving.objects.geweigerd(),
        {"status": "geweigerd"},
        ngettext_lazy(
            "%(count)d ingeschreven adres wordt voorgoed geweigerd door de mailserver",
            "%(count)d ingeschreven adressen worden voorgoed geweigerd door de mailserver",
            "count",
        ),
    ),
    _Soort(
        Scan,
        # The admin only shows scans; the gemeente's contactpersoon publishes on the site.
        "quickscan.view_scan",
        lambda user: Scan.objects.awaiting_publication(),
        {"openbaar": "wacht"},
        ngettext_lazy(
            "%(count)d quick scan is klaar om openbaar te maken",
            "%(count)d quick scans zijn klaar om openbaar te maken",
            "count",
        ),
    ),
    _Soort(
        TribuneUpdate,
        "leerateliers.change_tribuneupdate",
        lambda user: TribuneUpdate.objects.stale_concepts(),
        {"concept": "vergeten"},
        ngettext_lazy(
            "%(count)d tribune-update staat langer dan een maand in concept",
            "%(count)d tribune-updates staan langer dan een maand in concept",
            "count",
        ),
    ),
]


def changelist_url(model, query: dict) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def te_doen(user) -> list[Taak]:
    """What waits for ``user``, one line per kind they may work on (one count query each);
    kinds with nothing waiting are left out."""
    taken = []
    for soort in SOORTEN:
        # The permission to do the work, and to open the list the line links to.
        if not (user.has_perm(soort.permission) and _may_view(user, soort.model)):
            continue
        aantal = soort.rows(user).count()
        if aantal:
            taken.append(
                Taak(
                    tekst=soort.tekst % {"count": aantal},
                    aantal=aantal,
                    url=changelist_url(soort.model, soort.filter),
                )
            )
    return taken


# --- Wat er gebeurde -------------------------------------------------------------------------


@dataclass(frozen=True)
class Wijziging:
    """One change: who, what (the kind of object, the object, added/changed/deleted), when,
    and the object's admin page while it exists."""

    wanneer: datetime.datetime
    wie: str
    soort: str
    object: str
    actie: str
    url: str | None
    app_label: str


def _may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def _admin_models(user, app=None) -> list:
    """The models in the admin that ``user`` may look at (of ``app`` only, when given)."""
    return [
        model
        for model in admin.site._registry
        if (app is None or model._meta.app_label == app) and _may_view(user, model)
    ]


def gebeurd_apps(user) -> list[tuple[str, str]]:
    """The apps whose changes ``user`` may see: (label, name), by name."""
    labels = {model._meta.app_label for model in _admin_models(user)}
    return sorted(
        ((label, str(apps.get_app_config(label).verbose_name)) for label in labels),
        key=lambda pair: pair[1].lower(),
    )


def _wie(user) -> str:
    if user is None:
        return _("systeem")
    try:
        return user.persoon.naam
    except ObjectDoesNotExist:
        return user.email


def _change_url(model, pk) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])


HISTORY_ACTIES = {"+": ADDITION, "~": CHANGE, "-": DELETION}


def _actie(flag) -> str:
    return {ADDITION: _("toegevoegd"), CHANGE: _("gewijzigd"), DELETION: _("verwijderd")}[flag]


def _label(model, record, related: list[str]) -> str:
    """The object as it was then: its own ``__str__`` on the fields the history kept, with
    the related rows the query brought along (no query per record)."""
    instance = model(
        **{
            field.attname: getattr(record, field.attname)
            for field in model._meta.concrete_fields
            if hasattr(record, field.attname)
        }
    )
    for name in related:
        model._meta.get_field(name).set_cached_value(instance, getattr(record, name))
    try:
        return str(instance)
    except (AttributeError, ObjectDoesNotExist):
        return f"{model._meta.verbose_name} {record.pk}"


def _from_history(model, limit) -> list[Wijziging]:
    """The latest ``limit`` versions of ``model`` from django-simple-history, which also
    records what trekkers and contactpersonen change on the site: one query."""
    history = getattr(model, model._meta.simple_history_manager_attribute)
    kept = {field.name for field in history.model._meta.fields}
    related = [
        field.name
        for field in model._meta.fields
        if field.many_to_one and field.name in kept and field.name != "history_user"
    ]
    pk = model._meta.pk.attname
    records = (
        history.select_related("history_user__persoon", *related)
        .annotate(_bestaat=Exists(model._default_manager.filter(pk=OuterRef(pk))))
        .order_by("-history_date", "-history_id")[:limit]
    )
    soort = str(model._meta.verbose_name)
    return [
        Wijziging(
            wanneer=record.history_date,
            wie=_wie(record.history_user),
            soort=soort,
            object=_label(model, record, related),
            actie=_actie(HISTORY_ACTIES[record.history_type]),
            url=_change_url(model, getattr(record, pk)) if record._bestaat else None,
            app_label=model._meta.app_label,
        )
        for record in records
    ]


def _existing(entries) -> set[tuple[int, str]]:
    """Which (content type, object id) of ``entries`` still exist: one query per model."""
    ids = defaultdict(set)
    for entry in entries:
        if entry.action_flag != DELETION:
            ids[entry.content_type_id].add(entry.object_id)
    found = set()
    for content_type_id, object_ids in ids.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pks = set()
        for object_id in object_ids:
            try:
                pks.add(model._meta.pk.to_python(object_id))
            except ValidationError:
                continue
        for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True):
            found.add((content_type_id, str(pk)))
    return found


def _from_log(models, limit) -> list[Wijziging]:
    """The latest ``limit`` admin log entries about ``models`` (those without history of
    their own, so no edit is shown twice)."""
    if not models:
        return []
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    entries = list(
        LogEntry.objects.filter(content_type__in=content_types.values())
        .select_related("user__persoon", "content_type")
        .order_by("-action_time", "-pk")[:limit]
    )
    existing = _existing(entries)
    models_by_type = {content_type.pk: model for model, content_type in content_types.items()}
    wijzigingen = []
    for entry in entries:
        model = models_by_type[entry.content_type_id]
        exists = (entry.content_type_id, entry.object_id) in existing
        wijzigingen.append(
            Wijziging(
                wanneer=entry.action_time,
                wie=_wie(entry.user),
                soort=str(model._meta.verbose_name),
                object=entry.object_repr,
                actie=_actie(entry.action_flag),
                url=_change_url(model, entry.object_id) if exists else None,
                app_label=model._meta.app_label,
            )
        )
    return wijzigingen


def gebeurd(user, limit, app=None) -> list[Wijziging]:
    """The latest ``limit`` changes across the site that ``user`` may see, newest first (of
    ``app`` only, when given): the versions django-simple-history keeps, and the admin's log
    for models without them. One query per model with history, one for the log and one per
    logged model that a shown entry names."""
    models = _admin_models(user, app)
    tracked = set(registered_models.values())
    with_history = [model for model in models if model in tracked]
    without = [model for model in models if model not in tracked]
    sources = [_from_history(model, limit) for model in with_history]
    sources.append(_from_log(without, limit))
    newest_first = merge(*sources, key=lambda wijziging: wijziging.wanneer, reverse=True)
    return list(islice(newest_first, limit))
