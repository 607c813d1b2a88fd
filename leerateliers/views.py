"""Pages of the leerateliers, and what a signed-in user does with them under /mijn/: the
deelnames of their organisation, following, the email choices and the one-click unsubscribe,
and for its trekkers the atelier's tribune updates, lerende praktijken and geleerde lessen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts import services as accounts_services
from accounts.forms import MeldingsvoorkeurForm
from werkplaats.forms import add_errors, leesbaarheid_delen, posted, te_lang_voor_leesbaarheid
from werkplaats.leesbaarheid import MAX_TEKENS
from werkplaats.models import Organisatie, Persoon
from werkplaats.ratelimit import over_limit

from . import berichten, metadata, permissions, services
from .filters import LeeratelierFilter
from .forms import FollowForm, LesForm, PraktijkForm, PreferencesForm, TribuneUpdateForm
from .models import (
    Abonnement,
    Deelname,
    Frequentie,
    GeleerdeLes,
    Leeratelier,
    LerendePraktijk,
    Rol,
    TribuneUpdate,
)
from .notifications import read_unsubscribe_token
from .wijzigingen import wijzigingen


class LeeratelierListView(FilterView):
    filterset_class = LeeratelierFilter
    template_name = "leerateliers/leeratelier_list.html"

    def get_queryset(self):
        return Leeratelier.objects.for_list()


class LeeratelierChildMixin:
    """Pages below /leerateliers/<leeratelier_slug>/: the object must belong to that atelier."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset().filter(leeratelier__slug=self.kwargs["leeratelier_slug"])
        return get_object_or_404(queryset, **self.object_lookup())


class PraktijkDetailView(LeeratelierChildMixin, DetailView):
    template_name = "leerateliers/praktijk_detail.html"
    context_object_name = "praktijk"

    def get_queryset(self):
        return LerendePraktijk.objects.for_detail()

    def object_lookup(self):
        return {"slug": self.kwargs["slug"]}

    def get_context_data(self, **kwargs):
        json_ld = metadata.praktijk_project(self.object, self.request)
        return super().get_context_data(json_ld=json_ld, **kwargs)


class UpdateDetailView(LeeratelierChildMixin, DetailView):
    template_name = "leerateliers/update_detail.html"
    context_object_name = "update"

    def get_queryset(self):
        return TribuneUpdate.objects.for_detail()

    def get_context_data(self, **kwargs):
        json_ld = metadata.update_posting(self.object, self.request)
        return super().get_context_data(json_ld=json_ld, **kwargs)

    def object_lookup(self):
        return {"pk": self.kwargs["pk"]}


class UpdateAction(models.TextChoices):
    PREVIEW = "voorbeeld"
    SAVE = "opslaan"
    PUBLISH = "publiceren"


@login_required
def update_edit(request, leeratelier_slug, pk=None):
    """Write or change a tribune update: preview, save as concept, publish. Only the atelier's
    trekkers may; an update of another atelier is refused whatever the URL says."""
    if pk is None:
        leeratelier = get_object_or_404(Leeratelier, slug=leeratelier_slug)
        update = TribuneUpdate(
            leeratelier=leeratelier, auteur=Persoon.objects.filter(user=request.user).first()
        )
    else:
        update = get_object_or_404(TribuneUpdate.objects.select_related("leeratelier"), pk=pk)
        leeratelier = update.leeratelier
    allowed = (
        permissions.can_edit_update(request.user, update)
        if update.pk
        else permissions.can_write_updates(request.user, leeratelier)
    )
    if not allowed:
        raise PermissionDenied(_("Alleen de trekkers van dit leeratelier schrijven hier updates."))
    if leeratelier.slug != leeratelier_slug:
        raise Http404(_("Deze update hoort bij een ander leeratelier."))

    was_published = update.is_published
    form = TribuneUpdateForm(posted(request), posted(request, "FILES"), instance=update)
    preview = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("actie")
        if action == UpdateAction.PREVIEW:
            preview = form.cleaned_data["tekst"]
        else:
            try:
                services.update_save(update=form.instance, publish=action == UpdateAction.PUBLISH)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if update.is_published and not was_published:
                    messages.success(request, _("De update is gepubliceerd."))
                elif update.is_published:
                    messages.success(request, _("De wijzigingen zijn gepubliceerd."))
                else:
                    messages.success(request, _("De update is opgeslagen als concept."))
                return redirect("leerateliers:update_edit", leeratelier.slug, update.pk)
    context = {
        "form": form,
        "leeratelier": leeratelier,
        "update": update,
        "preview": preview,
        "actions": UpdateAction,
    }
    return render(request, "leerateliers/update_form.html", context)


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
            return services.deelname_end(organisatie=organisatie, leeratelier=leeratelier, by=user)
        persoon = getattr(user, "persoon", None)
        return services.deelname_set_rol(
            organisatie=organisatie,
            leeratelier=leeratelier,
            rol=Rol(self.name),
            contactpersoon=persoon,
            by=user,
        )


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
        return redirect("portaal:dashboard")
    context = {
        "actie": actie,
        "vraag": actie.describe(organisatie, leeratelier),
        "organisatie": organisatie,
        "leeratelier": leeratelier,
        "current": current,
    }
    return render(request, "leerateliers/deelname_confirm.html", context)


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
    # A path of this site only: redirect() would take anything else for a URL name.
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
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
    # The other emails about events, as far as they can reach this user (see berichten).
    meldingen = MeldingsvoorkeurForm(
        posted(request),
        instance=accounts_services.meldingsvoorkeur_of(request.user),
        soorten=berichten.soorten_for(request.user),
    )
    if request.method == "POST" and all([form.is_valid(), meldingen.is_valid()]):
        for leeratelier, frequentie in form.choices():
            services.abonnement_set(
                user=request.user, leeratelier=leeratelier, frequentie=frequentie
            )
        if meldingen.fields:
            accounts_services.meldingsvoorkeur_set(user=request.user, **meldingen.keuzes())
        messages.success(request, _("Je keuzes voor e-mail zijn opgeslagen."))
        return redirect("leerateliers:preferences")
    context = {"form": form, "meldingen": meldingen}
    return render(request, "leerateliers/preferences.html", context)


UNSUBSCRIBE_TEMPLATE = "leerateliers/unsubscribe.html"


# Mail clients post here without a CSRF token (RFC 8058 one-click); the signed token in the
# URL is what authorises the change, so no login is needed either.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in every update email: GET shows what it does and changes nothing; POST stops
    the emails of that leeratelier."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, UNSUBSCRIBE_TEMPLATE, {"ongeldig": True}, status=404)
    user, leeratelier = found
    if request.method == "POST":
        services.abonnement_set(user=user, leeratelier=leeratelier, frequentie=Frequentie.NOOIT)
        return render(request, UNSUBSCRIBE_TEMPLATE, {"leeratelier": leeratelier, "afgemeld": True})
    al_afgemeld = Abonnement.objects.filter(
        user=user, leeratelier=leeratelier, frequentie=Frequentie.NOOIT
    ).exists()
    return render(
        request, UNSUBSCRIBE_TEMPLATE, {"leeratelier": leeratelier, "al_afgemeld": al_afgemeld}
    )


# --- Keeping up an atelier's praktijken and lessen (its trekkers, from /mijn/) ----------------


def _led_leeratelier(request, slug):
    """The leeratelier of ``slug``, if the user leads it (else 403)."""
    leeratelier = get_object_or_404(Leeratelier, slug=slug)
    if not permissions.can_write_updates(request.user, leeratelier):
        raise PermissionDenied(_("Alleen de trekkers van dit leeratelier houden het hier bij."))
    return leeratelier


def _belongs_to(obj, slug):
    """An object the user may edit, asked for under another of their leerateliers: not here."""
    if obj.leeratelier.slug != slug:
        raise Http404(_("Dit hoort bij een ander leeratelier."))


def _labels(form) -> dict:
    """The form's names for the fields, for the list of changes below it."""
    return {name: field.label for name, field in form.fields.items()}


@login_required
def atelier_beheer(request, slug):
    """/mijn/leerateliers/<slug>/: the praktijken and lessen of an atelier the user leads,
    each with its edit link, and the links to add new ones."""
    leeratelier = _led_leeratelier(request, slug)
    context = {
        "leeratelier": leeratelier,
        "praktijken": LerendePraktijk.objects.for_beheer().filter(leeratelier=leeratelier),
        "lessen": GeleerdeLes.objects.for_beheer().filter(leeratelier=leeratelier),
    }
    return render(request, "leerateliers/atelier_beheer.html", context)


@login_required
def praktijk_edit(request, slug, pk=None):
    """Add or change a lerende praktijk; only the atelier's trekkers may, whatever the URL."""
    if pk is None:
        leeratelier = _led_leeratelier(request, slug)
        praktijk = LerendePraktijk(leeratelier=leeratelier)
    else:
        praktijk = get_object_or_404(LerendePraktijk.objects.select_related("leeratelier"), pk=pk)
        if not permissions.can_edit_praktijk(request.user, praktijk):
            raise PermissionDenied(_("Alleen de trekkers van dit leeratelier houden het hier bij."))
        _belongs_to(praktijk, slug)
        leeratelier = praktijk.leeratelier
    form = PraktijkForm(posted(request), instance=praktijk)
    if request.method == "POST" and form.is_valid():
        is_new = praktijk.pk is None
        try:
            services.praktijk_save(
                praktijk=form.instance,
                gemeenten=form.cleaned_data["gemeenten"],
                partners=form.cleaned_data["partners"],
                werkplaatsen=form.cleaned_data["werkplaatsen"],
                door=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            bericht = (
                _("De lerende praktijk ‘%(titel)s’ is toegevoegd.")
                if is_new
                else _("De wijzigingen in ‘%(titel)s’ zijn opgeslagen.")
            )
            messages.success(request, bericht % {"titel": praktijk.titel})
            return redirect("leerateliers:atelier_beheer", leeratelier.slug)
    context = {
        "form": form,
        "leeratelier": leeratelier,
        "praktijk": praktijk,
        "wijzigingen": wijzigingen(praktijk, labels=_labels(form)) if praktijk.pk else [],
    }
    return render(request, "leerateliers/praktijk_form.html", context)


@login_required
def les_edit(request, slug, pk=None):
    """Add or change a geleerde les, and announce a regional one on the tribune (once); only
    the atelier's trekkers may, whatever the URL or the form names."""
    if pk is None:
        leeratelier = _led_leeratelier(request, slug)
        les = GeleerdeLes(leeratelier=leeratelier)
    else:
        les = get_object_or_404(
            GeleerdeLes.objects.select_related(
                "leeratelier", "praktijk__leeratelier", "aankondiging__leeratelier"
            ),
            pk=pk,
        )
        if not permissions.can_edit_les(request.user, les):
            raise PermissionDenied(_("Alleen de trekkers van dit leeratelier houden het hier bij."))
        _belongs_to(les, slug)
        leeratelier = les.leeratelier
    form = LesForm(posted(request), instance=les, leeratelier=leeratelier)
    if request.method == "POST" and form.is_valid():
        is_new = les.pk is None
        try:
            services.les_save(
                les=form.instance,
                voorwaarden=form.cleaned_data["voorwaarden"],
                bronnen=form.cleaned_data["bronnen"],
                aankondigen=form.cleaned_data.get("aankondigen", False),
                door=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if is_new:
                messages.success(request, _("De les is toegevoegd."))
            else:
                messages.success(request, _("De wijzigingen in de les zijn opgeslagen."))
            if form.cleaned_data.get("aankondigen") and les.aankondiging_id:
                messages.success(
                    request,
                    _("De les is aangekondigd op de tribune; de lezers krijgen een e-mail."),
                )
            return redirect("leerateliers:atelier_beheer", leeratelier.slug)
    context = {
        "form": form,
        "leeratelier": leeratelier,
        "les": les,
        "wijzigingen": wijzigingen(les, labels=_labels(form)) if les.pk else [],
    }
    return render(request, "leerateliers/les_form.html", context)


# --- The leesbaarheidsindicatie while typing (static/js/leesbaarheid.js) -------------------------

# How often one account may ask in a minute; the script asks 600 ms after the last key, and
# only for a text that changed.
LEESBAARHEID_PER_MINUUT = 60
# The largest body: MAX_TEKENS characters of up to 4 bytes, percent-encoded, and a form token.
LEESBAARHEID_MAX_BYTES = MAX_TEKENS * 12 + 4096


@never_cache
@require_POST
def leesbaarheid(request):
    """The leesbaarheidsindicatie of the posted ``tekst`` as JSON, the parts ``uitslag`` and
    ``details`` of the field's region; or ``fout``, a sentence in Dutch, with 403 (not signed in
    as staff or trekker), 413 (a text longer than ``MAX_TEKENS``) or 429 (asked too often)."""
    if not permissions.can_check_leesbaarheid(request.user):
        fout = _("De leesbaarheidsindicatie is er voor ingelogde redacteuren en trekkers.")
        return JsonResponse({"fout": fout}, status=403)
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0  # Django then reads no more than DATA_UPLOAD_MAX_MEMORY_SIZE
    if lengte > LEESBAARHEID_MAX_BYTES:
        return JsonResponse({"fout": te_lang_voor_leesbaarheid()}, status=413)
    if over_limit(f"leesbaarheid:{request.user.pk}", LEESBAARHEID_PER_MINUUT, window=60):
        fout = _(
            "De leesbaarheidsindicatie is deze minuut al vaak bijgewerkt. Typ gerust verder; "
            "zo meteen wordt ze weer bijgewerkt."
        )
        return JsonResponse({"fout": fout}, status=429)
    tekst = request.POST.get("tekst", "")
    if len(tekst) > MAX_TEKENS:
        return JsonResponse({"fout": te_lang_voor_leesbaarheid()}, status=413)
    return JsonResponse(leesbaarheid_delen(tekst))
