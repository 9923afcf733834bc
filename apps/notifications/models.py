from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LESSON_TOMORROW = "lesson_tomorrow", _("lesson tomorrow")
    LESSON_SOON = "lesson_soon", _("lesson in an hour")
    LESSON_MOVED = "lesson_moved", _("lesson moved")
    LESSON_CANCELLED = "lesson_cancelled", _("lesson cancelled")
    PACKAGE_LOW = "package_low", _("package running out")
    HOMEWORK_ASSIGNED = "homework_assigned", _("homework assigned")
    HOMEWORK_DUE = "homework_due", _("homework due tomorrow")
    HOMEWORK_CHECKED = "homework_checked", _("homework checked")


# Which preference switches each kind of mail on or off.
PREFERENCE_FOR = {
    Kind.LESSON_TOMORROW: "lesson_tomorrow",
    Kind.LESSON_SOON: "lesson_soon",
    Kind.LESSON_MOVED: "lesson_changed",
    Kind.LESSON_CANCELLED: "lesson_changed",
    Kind.PACKAGE_LOW: "package_low",
    Kind.HOMEWORK_ASSIGNED: "homework_assigned",
    Kind.HOMEWORK_CHECKED: "homework_assigned",
    Kind.HOMEWORK_DUE: "homework_due",
}


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    TELEGRAM = "telegram", _("Telegram")


class NotificationPreference(models.Model):
    """Which reminders a user wants, and how; a user without a row gets them all by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    lesson_tomorrow = models.BooleanField(_("the evening before a lesson"), default=True)
    lesson_soon = models.BooleanField(_("an hour before a lesson"), default=True)
    lesson_changed = models.BooleanField(_("when a lesson is moved or cancelled"), default=True)
    package_low = models.BooleanField(_("when a student's package is running out"), default=True)
    homework_assigned = models.BooleanField(_("when homework is given or checked"), default=True)
    homework_due = models.BooleanField(_("the day before homework is due"), default=True)
    channel = models.CharField(
        _("send reminders by"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user) -> NotificationPreference:
        """The user's preferences: the stored row, or the defaults (not saved)."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    def wants(self, kind: str) -> bool:
        return getattr(self, PREFERENCE_FOR[Kind(kind)])


class SentNotification(models.Model):
    """A mail that was sent, so the same event is never mailed twice to the same user.

    `key` names the event, e.g. "lesson-soon-42-202703011300".
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="sent_notification_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.key}"


# Link codes: no 0/O or 1/I, so a code read off the screen is typed right.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALID_FOR = timedelta(minutes=15)


class TelegramLink(models.Model):
    """A user's Telegram chat with the bot, and the one-time code that links it.

    The user makes a code on their profile and sends "/start CODE" to the bot; the bot then
    stores the chat and forgets the code. A chat belongs to one user at most.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="telegram_link",
        verbose_name=_("user"),
    )
    chat_id = models.BigIntegerField(_("chat"), unique=True, null=True, blank=True)
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(_("code expires at"), null=True, blank=True)
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram link")
        verbose_name_plural = _("Telegram links")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_linked(self) -> bool:
        return self.chat_id is not None

    def code_is_valid(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(self.code) and self.expires_at is not None and self.expires_at > now

    @staticmethod
    def new_code() -> str:
        return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))
