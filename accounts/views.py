"""The signed-in user's pages under /mijn/: dashboard, koppeling, deelnames, following, privacy."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bijeenkomsten.models import Aanmelding
from leerateliers import services as leeratelier_services
from leerateliers.models import Deelname, Leeratelier, LeeratelierStatus, Rol, TribuneUpdate
from werkplaats.forms import posted
from werkplaats.models import Organisatie, Persoon

from . import permissions, privacy, services
from .forms import DeleteAccountForm, FollowForm, KoppelingForm, PreferencesForm
from .models import Abonnement, Koppeling


class DeelnameActie:
    """The three things a contactpersoon can do with a deelname, and how to say them."""

    LABELS = {
        "arena": (
            gettext_lazy("Naar de arena"),
            gettext_lazy("%(organisatie)s gaat in de arena van %(atelier)s."),
        ),
        "tribune": (
            gettext_lazy("Naar de tribune"),
            gettext_lazy("%(organisatie)s gaat op de tribune van %(atelier)s."),
        ),
        "stoppen": (
            gettext_lazy("Stoppen"),
            gettext_lazy("%(organisatie)s stopt met %(atelier)s."),
        ),
    }

    def __init__(self, name):
        if name not in self.LABELS:
            raise Http404(_("Onbekende actie."))
        self.name = name
        self.label, self.sentence = self.LABELS[name]
        self.joins = name != "stoppen"

    def describe(self, organisatie, leeratelier):
        return self.sentence % {"organisatie": organisatie.naam, "atelier": leeratelier.titel}

    def carry_out(self, *, organisatie, leeratelier, user):
        if self.name == "stoppen":
            return leeratelier_services.deelname_end(
                organisatie=organisatie, leeratelier=leeratelier
            )
        persoon = getattr(user, "persoon", None)
        return leeratelier_services.deelname_set_rol(
            organisatie=organisatie,
            leeratelier=leeratelier,
            rol=Rol(self.name),
            contactpersoon=persoon,
        )


@login_required
def dashboard(request):
    user = request.user
    led = permissions.leerateliers_led_by(user).prefetch_related(
        Prefetch("updates", queryset=TribuneUpdate.objects.order_by("-gepubliceerd_at", "-id"))
    )
    organisaties = permissions.organisaties_managed_by(user).prefetch_related(
        Prefetch(
            "deelnames",
            queryset=Deelname.objects.current().select_related("leeratelier"),
            to_attr="huidige_deelnames",
        )
    )
    open_leerateliers = list(
        Leeratelier.objects.exclude(status=LeeratelierStatus.AFGEROND).order_by("titel")
    )
    deelname_rows = []
    for organisatie in organisaties:
        rollen = {d.leeratelier_id: d for d in organisatie.huidige_deelnames}
        deelname_rows.append(
            (organisatie, [(atelier, rollen.get(atelier.pk)) for atelier in open_leerateliers])
        )
    context = {
        "persoon": Persoon.objects.filter(user=user).select_related("organisatie").first(),
        "open_koppeling": Koppeling.objects.pending().filter(user=user).first(),
        "is_gekoppeld": Koppeling.objects.approved().filter(user=user).exists(),
        "leerateliers_geleid": led,
        "deelname_rows": deelname_rows,
        "gevolgd": Abonnement.objects.following().filter(user=user).select_related("leeratelier"),
        "aanmeldingen": Aanmelding.objects.for_user(user)
        .active()
        .filter(bijeenkomst__end_at__gte=timezone.now()),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
def koppeling_request(request):
    pending = Koppeling.objects.pending().filter(user=request.user).first()
    approved = Koppeling.objects.approved().filter(user=request.user)
    approved = approved.select_related("persoon", "organisatie")
    if pending is not None:
        return render(request, "accounts/koppeling.html", {"pending": pending})
    form = KoppelingForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # a second click while the first was being saved
            return redirect("accounts:koppeling")
        messages.success(
            request,
            _("Je aanvraag is verstuurd. Na goedkeuring kun je meer op de website doen."),
        )
        return redirect("accounts:dashboard")
    return render(request, "accounts/koppeling.html", {"form": form, "approved": approved})


@login_required
def deelname_change(request, organisatie, leeratelier, actie):
    actie = DeelnameActie(actie)
    organisatie = get_object_or_404(Organisatie, slug=organisatie)
    leeratelier = get_object_or_404(Leeratelier, slug=leeratelier)
    if not permissions.can_manage_deelnames(request.user, organisatie):
        raise PermissionDenied(_("Je beheert de deelnames van deze organisatie niet."))
    if not permissions.can_change_deelname(
        request.user, organisatie, leeratelier, joins=actie.joins
    ):
        raise PermissionDenied(_("Dit leeratelier is afgerond; meedoen kan niet meer."))
    current = (
        Deelname.objects.current().filter(organisatie=organisatie, leeratelier=leeratelier).first()
    )
    if request.method == "POST":
        try:
            result = actie.carry_out(
                organisatie=organisatie, leeratelier=leeratelier, user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if result is None:
                messages.info(request, _("Deze organisatie deed niet mee aan dit leeratelier."))
            else:
                messages.success(request, actie.describe(organisatie, leeratelier))
        return redirect("accounts:dashboard")
    context = {
        "actie": actie,
        "vraag": actie.describe(organisatie, leeratelier),
        "organisatie": organisatie,
        "leeratelier": leeratelier,
        "current": current,
    }
    return render(request, "accounts/deelname_confirm.html", context)


@login_required
@require_POST
def follow(request, slug):
    leeratelier = get_object_or_404(Leeratelier, slug=slug)
    form = FollowForm(request.POST)
    volgen = form.is_valid() and form.cleaned_data["volgen"]
    services.abonnement_set(user=request.user, leeratelier=leeratelier, volgt=volgen)
    if volgen:
        messages.success(request, _("Je volgt nu %(atelier)s.") % {"atelier": leeratelier.titel})
    else:
        messages.success(
            request, _("Je volgt %(atelier)s niet meer.") % {"atelier": leeratelier.titel}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = leeratelier.get_absolute_url()
    return redirect(target)


@login_required
def preferences(request):
    leerateliers = services.leerateliers_mailing(request.user)
    current = dict(
        Abonnement.objects.filter(user=request.user).values_list("leeratelier_id", "frequentie")
    )
    form = PreferencesForm(posted(request), leerateliers=leerateliers, current=current)
    if request.method == "POST" and form.is_valid():
        for leeratelier, frequentie in form.choices():
            services.abonnement_set(
                user=request.user, leeratelier=leeratelier, frequentie=frequentie
            )
        messages.success(request, _("Je keuzes voor e-mail zijn opgeslagen."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
def personal_data(request):
    data = privacy.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-werkplaats-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
def account_delete(request):
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Je account en je persoonsgegevens zijn verwijderd."))
        return redirect("werkplaats:home")
    return render(request, "accounts/delete.html", {"form": form})
