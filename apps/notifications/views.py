from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.common.http import AuthedRequest

from .forms import NotificationPreferenceForm
from .models import NotificationPreference


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    """Which reminders to get by e-mail; the form sits on the profile page and here."""
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None,
        instance=NotificationPreference.for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail reminders are saved."))
        return redirect("accounts:profile")
    return render(request, "notifications/preferences.html", {"notification_form": form})
