"""Money around lessons: who changed a lesson's status, payments and prepaid packages.

Nothing here stores a balance. What a student owes is derived from the lessons' statuses, the
project's price and cancellation rule, the payments and the packages (see selectors.py), so
changing any of them can never leave a stale total behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.projects.models import Currency, Project
from apps.scheduling.models import Lesson, LessonStatus


class LessonStatusChange(models.Model):
    """One change of a lesson's status: the history behind what a lesson charges."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("lesson")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=24, choices=LessonStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=LessonStatus.choices)

    class Meta:
        verbose_name = _("lesson status change")
        verbose_name_plural = _("lesson status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class PaymentState(models.TextChoices):
    """How a charged lesson is paid for; derived, never stored."""

    PACKAGE = "package", _("from a package")
    PAID = "paid", _("paid")
    UNPAID = "unpaid", _("unpaid")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("cash")
    BANK_TRANSFER = "bank_transfer", _("bank transfer")
    CARD = "card", _("card")
    OTHER = "other", _("other")


class VoidableQuerySet(models.QuerySet):
    def valid(self):
        """Records that count: not voided."""
        return self.filter(voided_at__isnull=True)

    def voided(self):
        return self.filter(voided_at__isnull=False)


class MoneyRecord(models.Model):
    """What payments and packages share: who recorded them, and voiding instead of deleting."""

    comment = models.CharField(_("comment"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("voided by"),
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    objects = VoidableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


class Payment(MoneyRecord):
    """Money a student gave the teacher for a project. Never deleted: a mistake is voided."""

    Method = PaymentMethod

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="payments", verbose_name=_("project")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("student"),
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(
        _("method"), max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.CASH
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]
        indexes = [models.Index(fields=["project", "paid_on"], name="payment_project_paid_on")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="payment_void_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(method__in=[m.value for m in PaymentMethod]),
                name="payment_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} {self.paid_on:%Y-%m-%d}"


class Package(MoneyRecord):
    """Lessons bought in advance: its price is owed like a charge, its lessons cover charged
    lessons (in purchase order) instead of the price per lesson."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="packages", verbose_name=_("project")
    )
    lessons = models.PositiveSmallIntegerField(_("number of lessons"))
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    bought_on = models.DateField(_("bought on"))

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["bought_on", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(lessons__gte=1), name="package_lessons_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="package_price_not_negative"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="package_void_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("%(lessons)d lessons for %(price)s %(currency)s") % {
            "lessons": self.lessons,
            "price": self.price,
            "currency": self.currency,
        }
