from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User, time_zone_choices


class TimeZoneField(forms.ChoiceField):
    """A select of IANA zones; the browser's zone is filled in by static/js/app.js."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        super().__init__(choices=lambda: [("", _("— choose —")), *time_zone_choices()], **kwargs)
        self.widget.attrs["data-guess-time-zone"] = ""


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Interface language"))
        super().__init__(choices=settings.LANGUAGES, **kwargs)


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail or password is wrong."),
        "inactive": _("This account is disabled. Contact the administrator."),
    }


class PasswordPairMixin(forms.Form):
    """Two password fields checked against each other and Django's validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _email_unused(email: str) -> str:
    email = email.lower()
    if User.objects.filter(email__iexact=email).exists():
        raise forms.ValidationError(_("An account with this e-mail already exists."))
    return email


class NewAccountForm(PasswordPairMixin, forms.Form):
    """Name, e-mail, password and preferences: what anyone creating an account fills in."""

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    time_zone = TimeZoneField()
    language = LanguageField()

    field_order = ["name", "email", "password1", "password2", "time_zone", "language"]

    def clean_email(self) -> str:
        return _email_unused(self.cleaned_data["email"])


class TeacherSignUpForm(NewAccountForm):
    pass


class InvitationAcceptForm(NewAccountForm):
    """What a new student fills in on opening an invitation link."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["name"].initial = invitation.name
        if invitation.email:
            # The teacher gave the address: it is the login and cannot be changed here.
            self.fields["email"].initial = invitation.email
            self.fields["email"].disabled = True

    def clean_email(self) -> str:
        if self.invitation.student_id:
            return self.cleaned_data["email"].lower()
        return super().clean_email()


class InviteStudentForm(forms.Form):
    """Shown beside CreateStudentForm on one page: own ids, so each label finds its field."""

    name = forms.CharField(label=_("Student's name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Student's e-mail"),
        required=False,
        help_text=_("Optional. If given, the link is also sent by e-mail."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)


class CreateStudentForm(forms.Form):
    name = forms.CharField(label=_("Student's name"), max_length=150)
    email = forms.EmailField(
        label=_("Student's e-mail"), help_text=_("The student logs in with it.")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_create_%s")
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail already exists. Send an invitation instead: the student accepts it with their account."
                )
            )
        return email


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()
    language = LanguageField()

    class Meta:
        model = User
        fields = ["name", "time_zone", "language"]
