"""The signed-in user's claim to be a persoon of the network: /mijn/koppelen/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from werkplaats.forms import posted

from . import services
from .forms import KoppelingForm
from .models import Koppeling


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
                services.koppeling_request(koppeling=form.save(commit=False))
        except (IntegrityError, ValidationError):  # a second click while the first was saved
            return redirect("accounts:koppeling")
        messages.success(
            request,
            _("Je aanvraag is verstuurd. Na goedkeuring kun je meer op de website doen."),
        )
        return redirect("portaal:dashboard")
    return render(request, "accounts/koppeling.html", {"form": form, "approved": approved})
