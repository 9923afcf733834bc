from __future__ import annotations

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    ADMIN = "admin", _("Administrator")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and name.split("/")[0] != "Etc"
    )
    return [(name, name.replace("_", " ")) for name in ["UTC", *names]]


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who logs in: teachers, students and administrators.

    A teacher signs up openly and stays pending until an administrator approves them.
    Students come only through a teacher's invitation.
    """

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("display name"), max_length=150)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STUDENT)
    approved_at = models.DateTimeField(
        _("approved at"),
        null=True,
        blank=True,
        help_text=_("When an administrator approved this teacher."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    language = models.CharField(
        _("interface language"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("Can log in to the administration site.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    students = models.ManyToManyField(
        "self",
        through="TeacherStudent",
        through_fields=("teacher", "student"),
        symmetrical=False,
        related_name="teachers",
        blank=True,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(role=Role.TEACHER),
                name="user_only_teachers_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_pending_teacher(self) -> bool:
        return self.role == Role.TEACHER and self.approved_at is None

    @property
    def is_approved_teacher(self) -> bool:
        return self.role == Role.TEACHER and self.approved_at is not None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class TeacherStudent(models.Model):
    """A student studying with a teacher; a student may have several teachers."""

    teacher = models.ForeignKey(User, on_delete=models.CASCADE, related_name="student_links")
    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="teacher_links")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("teacher's student")
        verbose_name_plural = _("teachers' students")
        constraints = [
            models.UniqueConstraint(fields=["teacher", "student"], name="teacher_student_unique"),
            models.CheckConstraint(
                condition=~Q(teacher=models.F("student")), name="teacher_student_distinct"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} → {self.student}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link by which a teacher brings a student in.

    When the teacher created the student's account directly, `student` is set and the link
    lets that student choose a password; otherwise the student's account is made on accepting.
    """

    teacher = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    student = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("student"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or self.email or str(_("Invitation"))

    def get_absolute_url(self) -> str:
        return reverse("accounts:invitation_accept", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def problem(self) -> str | None:
        """Why this invitation cannot be accepted, for the person holding the link; None if it can."""
        if self.accepted_at:
            return _(
                "This invitation has already been used. Log in, or ask your teacher for a new link."
            )
        if self.revoked_at:
            return _("This invitation was withdrawn by the teacher. Ask them for a new link.")
        if self.is_expired:
            return _("This invitation has expired. Ask your teacher for a new link.")
        return None

    @property
    def state(self) -> str:
        if self.accepted_at:
            return _("accepted")
        if self.revoked_at:
            return _("revoked")
        if self.is_expired:
            return _("expired")
        return _("waiting")
