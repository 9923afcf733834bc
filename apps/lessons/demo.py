"""Demo money for `manage.py seed_demo`, after the demo projects: payments and a package.

For each demo teacher, by the position of the project (ordered by id): some projects are
fully paid, some in debt, one in credit, and one bought a package of 8 lessons that its held
lessons consume. Idempotent: a project with any payment or package (even voided) is left as
it is.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.projects.models import Project

from . import selectors, services
from .models import Package, Payment, PaymentMethod

PAID, DEBT, CREDIT, PACKAGE = "paid", "debt", "credit", "package"
# By the project's position among the teacher's demo projects.
PLANS = [PAID, DEBT, CREDIT, DEBT, PACKAGE, PAID, PAID, DEBT]
PACKAGE_LESSONS = 8


def _money(project: Project, plan: str, teacher: User) -> bool:
    """Record the plan's payments (and package); False when there is nothing to record."""
    student = project.students.order_by("pk").first()
    if student is None:
        return False
    today = timezone.localdate(timezone.now(), teacher.zone)
    price = project.price
    if plan == PACKAGE:
        package_price = (price * PACKAGE_LESSONS * Decimal("0.9")).quantize(Decimal("0.01"))
        services.package_record(
            project=project,
            lessons=PACKAGE_LESSONS,
            price=package_price,
            bought_on=project.start_date,
            comment="8 lessons",
            by=teacher,
        )
        amounts = [package_price]
    else:
        charged = selectors.project_account(project=project).charged
        amounts = {
            PAID: [charged],
            CREDIT: [charged, price * 2],  # paid ahead for the next two lessons
            DEBT: [price] if charged > price else [],  # one lesson paid, the rest owed
        }[plan]
    for back, amount in enumerate(a for a in amounts if a > 0):
        services.payment_record(
            project=project,
            student=student,
            amount=amount,
            paid_on=today - timedelta(days=7 - back),
            method=PaymentMethod.BANK_TRANSFER if back % 2 else PaymentMethod.CASH,
            by=teacher,
        )
    return True


def seed() -> int:
    """Record the demo money of projects that have none yet; returns how many projects got it."""
    seeded = 0
    for email, *_rest in accounts_demo.TEACHERS:
        teacher = User.objects.get(email=email)
        student_emails = [student_email for student_email, *_info in accounts_demo.STUDENTS[email]]
        projects = list(
            Project.objects.for_teacher(teacher)
            .filter(students__email__in=student_emails)
            .distinct()
            .order_by("pk")
        )
        with_money = set(
            Payment.objects.filter(project__in=projects).values_list("project_id", flat=True)
        ) | set(Package.objects.filter(project__in=projects).values_list("project_id", flat=True))
        for index, project in enumerate(projects):
            if project.pk not in with_money:
                seeded += _money(project, PLANS[index % len(PLANS)], teacher)
    return seeded
