"""payment_record, payment_update, payment_void."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.lessons.models import Payment, PaymentMethod
from apps.lessons.services import payment_record, payment_update, payment_void
from apps.projects.models import Currency


def record(project, student, teacher, amount="1000", **extra) -> Payment:
    return payment_record(
        project=project,
        student=student,
        amount=Decimal(amount),
        paid_on=date(2027, 3, 1),
        method=extra.pop("method", PaymentMethod.BANK_TRANSFER),
        by=teacher,
        **extra,
    )


def test_it_works(project, student, teacher, now):
    project.currency = Currency.EUR
    project.save(update_fields=["currency"])

    payment = record(project, student, teacher, "12.5", comment="March")

    payment.refresh_from_db()
    assert payment.amount == Decimal("12.50")
    assert payment.currency == Currency.EUR
    assert payment.created_by == teacher
    assert payment.created_at == now
    assert payment.comment == "March"
    assert list(Payment.objects.valid()) == [payment]


def test_the_student_must_be_in_the_project(project, other_student, teacher):
    with pytest.raises(ValidationError, match="does not take part"):
        record(project, other_student, teacher)
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", ["0", "-5", "0.004"])
def test_the_amount_must_be_positive(project, student, teacher, amount):
    with pytest.raises(ValidationError, match="more than zero"):
        record(project, student, teacher, amount)


def test_a_float_is_refused(project, student, teacher):
    with pytest.raises(TypeError):
        payment_record(
            project=project, student=student, amount=0.1, paid_on=date(2027, 3, 1), by=teacher
        )


def test_the_database_refuses_a_non_positive_amount(project, student):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            project=project, student=student, amount=0, currency="RUB", paid_on=date(2027, 3, 1)
        )


def test_the_database_refuses_a_void_without_reason(project, student, teacher, now):
    payment = record(project, student, teacher)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(voided_at=now)


def test_update(project, student, teacher):
    payment = record(project, student, teacher)

    payment_update(payment=payment, by=teacher, amount=Decimal("900"), method=PaymentMethod.CARD)

    payment.refresh_from_db()
    assert payment.amount == Decimal("900.00")
    assert payment.method == PaymentMethod.CARD
    assert payment.paid_on == date(2027, 3, 1)


def test_update_checks_the_amount(project, student, teacher):
    payment = record(project, student, teacher)
    with pytest.raises(ValidationError):
        payment_update(payment=payment, by=teacher, amount=Decimal("0"))


def test_void(project, student, teacher, now):
    payment = record(project, student, teacher)

    payment_void(payment=payment, reason="Entered twice", by=teacher)

    payment.refresh_from_db()
    assert payment.is_voided
    assert (payment.voided_at, payment.voided_by, payment.void_reason) == (
        now,
        teacher,
        "Entered twice",
    )
    assert not Payment.objects.valid().exists()
    assert Payment.objects.count() == 1  # kept on record


def test_void_twice_keeps_the_first(project, student, teacher, admin_user):
    payment = record(project, student, teacher)
    payment_void(payment=payment, reason="Entered twice", by=teacher)
    payment_void(payment=payment, reason="Again", by=admin_user)

    payment.refresh_from_db()
    assert (payment.void_reason, payment.voided_by) == ("Entered twice", teacher)


@pytest.mark.parametrize("reason", ["", "   "])
def test_void_needs_a_reason(project, student, teacher, reason):
    payment = record(project, student, teacher)
    with pytest.raises(ValidationError, match="why"):
        payment_void(payment=payment, reason=reason, by=teacher)
    payment.refresh_from_db()
    assert not payment.is_voided


def test_a_voided_payment_cannot_be_changed(project, student, teacher):
    payment = record(project, student, teacher)
    payment_void(payment=payment, reason="Wrong", by=teacher)
    with pytest.raises(ValueError, match="voided"):
        payment_update(payment=payment, by=teacher, amount=Decimal("1"))
