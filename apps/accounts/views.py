from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from apps.common.http import AuthedRequest, template_for
from apps.notifications.forms import NotificationPreferenceForm
from apps.notifications.models import NotificationPreference, TelegramLink
from apps.scheduling import ical

from . import services
from .access import student_required, teacher_required
from .forms import (
    CreateStudentForm,
    InvitationAcceptForm,
    InviteStudentForm,
    LoginForm,
    ProfileForm,
    TeacherSignUpForm,
)
from .models import Invitation, Role, User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# Log in, log out, passwords: Django's views with our forms and templates.

# A language a visitor picks before logging in; the login copies it to their profile.
CHOSEN_LANGUAGE_SESSION_KEY = "chosen_language"

_django_login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)


def login_view(request: HttpRequest) -> HttpResponse:
    response = _django_login(request)
    if request.user.is_authenticated:
        language = request.session.pop(CHOSEN_LANGUAGE_SESSION_KEY, None)
        if language in dict(settings.LANGUAGES) and language != request.user.language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


logout_view = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    html_email_template_name="accounts/email/password_reset.html",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def login_attempt_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account django-axes counts failures against: logins are case-insensitive, so is this."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return username.strip().lower()


def login_attempt_address(request: HttpRequest) -> str:
    """The client address django-axes counts failures against.

    Behind nginx (PROXY_COUNT > 0) Django listens on a unix socket and sees no address of its
    own; nginx sets X-Real-IP to the client's address and nobody else can reach the socket.
    """
    if settings.PROXY_COUNT:
        return request.META.get("HTTP_X_REAL_IP", "") or request.META.get("REMOTE_ADDR", "")
    return request.META.get("REMOTE_ADDR", "")


def login_locked_out(request: HttpRequest, response, credentials) -> HttpResponse:
    """Shown by django-axes instead of the login result after too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    # Unbound, with the e-mail kept: a bound form would authenticate again while rendering,
    # counting one more failure and adding "wrong password" beside this message.
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    message = ngettext(
        "Too many failed attempts to log in. For your safety, logging in is locked for %(minutes)d minute.",
        "Too many failed attempts to log in. For your safety, logging in is locked for %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    # Rendered here: axes returns this from its middleware, where a lazy TemplateResponse would
    # never be rendered (the outer middleware would fail on it with a 500).
    return render(
        request, "accounts/login.html", {"form": form, "locked_message": message}, status=429
    )


# Teacher sign-up and moderation


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("common:home")
    form = TeacherSignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        teacher = services.teacher_sign_up(
            email=data["email"],
            name=data["name"],
            password=data["password1"],
            time_zone=data["time_zone"],
            language=data["language"],
        )
        login(request, teacher, backend=MODEL_BACKEND)
        return redirect("accounts:awaiting_approval")
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required
def awaiting_approval(request: AuthedRequest) -> HttpResponse:
    if not request.user.is_pending_teacher:
        return redirect("common:home")
    return render(request, "accounts/awaiting_approval.html")


# Profile and language


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    context = {
        "form": form,
        "notification_form": NotificationPreferenceForm(
            instance=NotificationPreference.for_user(request.user)
        ),
        "telegram_enabled": bool(settings.TELEGRAM_BOT_TOKEN),
        "telegram_bot_name": settings.TELEGRAM_BOT_NAME,
        "telegram_link": TelegramLink.objects.filter(user=request.user).first(),
    }
    if request.user.is_approved_teacher or request.user.is_student:
        feed = ical.feed_for(user=request.user)
        context["feed_url"] = request.build_absolute_uri(
            reverse("scheduling:feed", args=[feed.token])
        )
        context["feed_webcal_url"] = ical.webcal_url(context["feed_url"])
    return render(request, "accounts/profile.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the profile and in a cookie."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("common:home")
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        else:
            request.session[CHOSEN_LANGUAGE_SESSION_KEY] = language
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
        )
    return response


# Students and invitations (teacher side)


def _link_base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _students_context(request: AuthedRequest, **forms) -> dict:
    teacher = request.user
    students = User.objects.filter(teacher_links__teacher=teacher).order_by("name")
    invitations = Invitation.objects.filter(
        teacher=teacher, accepted_at__isnull=True, revoked_at__isnull=True
    )
    return {
        "students": students,
        "invitations": invitations,
        "invite_form": forms.get("invite_form") or InviteStudentForm(),
        "create_form": forms.get("create_form") or CreateStudentForm(),
        "new_invitation": forms.get("new_invitation"),
    }


@teacher_required
def students(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/students.html", _students_context(request))


@teacher_required
@require_POST
def invitation_create(request: AuthedRequest) -> HttpResponse:
    form = InviteStudentForm(request.POST)
    new_invitation = None
    if form.is_valid():
        new_invitation = services.invitation_create(
            teacher=request.user,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            link_base=_link_base(request),
        )
        if new_invitation.email:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": new_invitation.email}
            )
        else:
            messages.success(
                request, _("Invitation created. Copy the link and send it to your student.")
            )
        if not request.htmx:
            return redirect("accounts:students")
        form = None
    context = _students_context(request, invite_form=form, new_invitation=new_invitation)
    return render(request, template_for(request, "accounts/students.html", "roster"), context)


@teacher_required
@require_POST
def student_create(request: AuthedRequest) -> HttpResponse:
    form = CreateStudentForm(request.POST)
    new_invitation = None
    if form.is_valid():
        new_invitation = services.student_create(
            teacher=request.user,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            link_base=_link_base(request),
        )
        messages.success(
            request,
            _("Account created for %(name)s. Hand over the link so they can set a password.")
            % {"name": new_invitation.name},
        )
        if not request.htmx:
            return redirect("accounts:students")
        form = None
    context = _students_context(request, create_form=form, new_invitation=new_invitation)
    return render(request, template_for(request, "accounts/students.html", "roster"), context)


def _teacher_invitation_or_404(request: AuthedRequest, invitation_id: int) -> Invitation:
    return get_object_or_404(Invitation, pk=invitation_id, teacher=request.user)


@teacher_required
@require_POST
def invitation_revoke(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = _teacher_invitation_or_404(request, invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.info(request, _("The invitation link no longer works."))
    if not request.htmx:
        return redirect("accounts:students")
    return render(
        request,
        template_for(request, "accounts/students.html", "roster"),
        _students_context(request),
    )


@teacher_required
@require_POST
def invitation_renew(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = _teacher_invitation_or_404(request, invitation_id)
    if invitation.accepted_at:
        messages.error(request, _("This invitation was already accepted."))
        fresh = None
    else:
        fresh = services.invitation_renew(invitation=invitation, link_base=_link_base(request))
        messages.success(request, _("A new link was made; the old one no longer works."))
    if not request.htmx:
        return redirect("accounts:students")
    context = _students_context(request, new_invitation=fresh)
    return render(request, template_for(request, "accounts/students.html", "roster"), context)


# Invitations (student side)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("teacher", "student").filter(token=token).first()
    problem = invitation.problem if invitation else services.INVALID_LINK
    if problem:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"problem": problem},
            status=410 if invitation else 404,
        )

    if request.user.is_authenticated:
        return _accept_as_logged_in(request, invitation)

    existing_account = (
        invitation.email
        and not invitation.student_id
        and User.objects.filter(email__iexact=invitation.email).exists()
    )
    form = InvitationAcceptForm(
        request.POST or None, invitation=invitation, initial={"language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and not existing_account and form.is_valid():
        data = form.cleaned_data
        try:
            student = services.invitation_accept_new(
                token=token,
                email=data["email"],
                name=data["name"],
                password=data["password1"],
                time_zone=data["time_zone"],
                language=data["language"],
            )
        except services.InvitationError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"problem": str(error)}, status=410
            )
        login(request, student, backend=MODEL_BACKEND)
        messages.success(
            request,
            _("Welcome! You are now a student of %(teacher)s.")
            % {"teacher": invitation.teacher.name},
        )
        return redirect("common:home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing_account": existing_account},
    )


def _accept_as_logged_in(request: AuthedRequest, invitation: Invitation) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        try:
            services.invitation_accept_existing(token=invitation.token, student=user)
        except services.InvitationError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"problem": str(error)}, status=410
            )
        messages.success(
            request,
            _("You are now a student of %(teacher)s.") % {"teacher": invitation.teacher.name},
        )
        return redirect("common:home")
    already = user.is_student and user.teacher_links.filter(teacher=invitation.teacher).exists()
    return render(
        request,
        "accounts/invitation_join.html",
        {
            "invitation": invitation,
            "can_join": user.is_student and user.pk != invitation.teacher_id,
            "already": already,
        },
    )


@student_required
def my_teachers(request: AuthedRequest) -> HttpResponse:
    teachers = User.objects.filter(student_links__student=request.user, role=Role.TEACHER).order_by(
        "name"
    )
    return render(request, "accounts/my_teachers.html", {"teachers": teachers})
