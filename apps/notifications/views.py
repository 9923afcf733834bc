from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.common.http import AuthedRequest

from . import services
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


def _to_telegram_section() -> HttpResponse:
    return redirect(reverse("accounts:profile") + "#telegram")


@login_required
@require_POST
def telegram_code(request: AuthedRequest) -> HttpResponse:
    """A fresh one-time code to send to the bot, shown on the profile."""
    services.telegram_code_create(user=request.user)
    return _to_telegram_section()


@login_required
@require_POST
def telegram_unlink(request: AuthedRequest) -> HttpResponse:
    services.telegram_unlink(user=request.user)
    messages.success(request, _("Telegram is unlinked. Reminders go by e-mail again."))
    return _to_telegram_section()
