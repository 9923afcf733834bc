"""package_record and package_void."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.lessons.models import Package
from apps.lessons.services import package_record, package_void


def test_it_works(project, teacher):
    package = package_record(
        project=project, lessons=10, price=Decimal("9000"), bought_on=date(2027, 2, 1), by=teacher
    )
    package.refresh_from_db()
    assert (package.lessons, package.price, package.currency) == (10, Decimal("9000.00"), "RUB")
    assert package.created_by == teacher


def test_a_free_package_is_allowed(project, teacher):
    package = package_record(
        project=project, lessons=1, price=Decimal("0"), bought_on=date(2027, 2, 1), by=teacher
    )
    assert package.price == Decimal("0.00")


@pytest.mark.parametrize(("lessons", "price"), [(0, "100"), (5, "-1")])
def test_it_checks_the_numbers(project, teacher, lessons, price):
    with pytest.raises(ValidationError):
        package_record(
            project=project,
            lessons=lessons,
            price=Decimal(price),
            bought_on=date(2027, 2, 1),
            by=teacher,
        )


def test_the_database_refuses_an_empty_package(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Package.objects.create(
            project=project, lessons=0, price=1, currency="RUB", bought_on=date(2027, 2, 1)
        )


def test_void(project, teacher):
    package = package_record(
        project=project, lessons=5, price=Decimal("4500"), bought_on=date(2027, 2, 1), by=teacher
    )
    package_void(package=package, reason="Refunded", by=teacher)
    package_void(package=package, reason="Again", by=teacher)

    package.refresh_from_db()
    assert package.void_reason == "Refunded"
    assert not Package.objects.valid().exists()
    with pytest.raises(ValidationError):
        package_void(package=package, reason="", by=teacher)
