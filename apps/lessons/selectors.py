"""Reading accounts: what each charged lesson's payment state is and what a student owes.

Everything here is derived from lessons, payments and packages on every read; nothing is
stored, so nothing can go stale. The rules:

- Charged lessons (see charging.is_chargeable) are taken in date order.
- Packages are consumed in purchase order: each charged lesson takes one lesson from the
  oldest package that has some left (a package bought later also covers earlier lessons
  nobody paid for). A lesson covered by a package costs nothing more ("package").
- The other charged lessons cost the project's price each. The money paid, less what the
  packages cost, goes to them oldest first: a lesson the money fully covers is "paid", the
  rest "unpaid". Package prices are covered before any lesson.
- balance = paid - charged - packages' prices. Positive is credit, carried forward to the
  next lessons; negative is a debt.

Amounts are Decimals in cents; sums are made in Python from the stored values, so that
SQLite (which adds decimals as floats) and PostgreSQL give the same, exact totals. Each
function makes a fixed number of queries, however many lessons and payments there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.projects.models import Project
from apps.scheduling.models import Lesson

from .charging import MAYBE_CHARGED, is_chargeable, money
from .models import Package, Payment, PaymentState

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AccountLine:
    """One charged lesson and how it is paid for."""

    lesson: Lesson
    state: PaymentState
    price: Decimal  # what the lesson adds to the charges: zero when a package covers it
    owed: Decimal  # what this lesson still lacks to be paid
    owed_through: Decimal  # what is still owed up to and including this lesson
    package: Package | None = None


@dataclass
class Account:
    """A project's money: charged lessons with their payment state, and the totals."""

    project: Project
    lines: list[AccountLine] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)
    charged: Decimal = ZERO  # lessons not covered by a package × the price
    packages_price: Decimal = ZERO
    paid: Decimal = ZERO
    package_lessons: int = 0
    package_lessons_used: int = 0

    @property
    def currency(self) -> str:
        return self.project.currency

    @property
    def balance(self) -> Decimal:
        """Paid less owed: positive is credit for the next lessons, negative a debt."""
        return self.paid - self.charged - self.packages_price

    @property
    def debt(self) -> Decimal:
        return max(ZERO, -self.balance)

    @property
    def credit(self) -> Decimal:
        return max(ZERO, self.balance)

    @property
    def package_lessons_left(self) -> int:
        return self.package_lessons - self.package_lessons_used

    @property
    def package_low(self) -> bool:
        """A package was bought and at most one of its lessons is left: time to buy another."""
        return bool(self.packages) and self.package_lessons_left <= 1

    @property
    def unpaid(self) -> list[AccountLine]:
        return [line for line in self.lines if line.state == PaymentState.UNPAID]

    @property
    def oldest_unpaid(self) -> Lesson | None:
        unpaid = self.unpaid
        return unpaid[0].lesson if unpaid else None

    def line_for(self, lesson_id: int) -> AccountLine | None:
        """The lesson's line, or None when it is not charged."""
        return next((line for line in self.lines if line.lesson.pk == lesson_id), None)

    def states(self) -> dict[int, PaymentState]:
        return {line.lesson.pk: line.state for line in self.lines}


def _build(
    project: Project, lessons: list[Lesson], packages: list[Package], paid: Decimal
) -> Account:
    account = Account(project=project, packages=packages, paid=money(paid))
    account.packages_price = money(sum((p.price for p in packages), ZERO))
    account.package_lessons = sum(p.lessons for p in packages)
    price = money(project.price)
    left = [[package, package.lessons] for package in packages]
    # Money for lessons: what was paid beyond the packages' prices (negative: still owed).
    running = account.paid - account.packages_price
    for lesson in lessons:
        if not is_chargeable(lesson, project):
            continue
        while left and left[0][1] == 0:
            left.pop(0)
        if left:
            left[0][1] -= 1
            account.package_lessons_used += 1
            account.lines.append(
                AccountLine(lesson, PaymentState.PACKAGE, ZERO, ZERO, ZERO, left[0][0])
            )
            continue
        account.charged += price
        running -= price
        owed_through = max(ZERO, -running)
        state = PaymentState.PAID if running >= 0 else PaymentState.UNPAID
        account.lines.append(
            AccountLine(lesson, state, price, min(price, owed_through), owed_through)
        )
    return account


class LessonStatusRow(NamedTuple):
    """The little of a lesson the payment states need: no model instance to build."""

    pk: int
    project_id: int
    status: str


def _accounts(projects: Iterable[Project], *, states_only: bool = False) -> list[Account]:
    """The accounts of the projects, in their order, in three queries.

    With `states_only` the lines hold LessonStatusRow tuples instead of lessons: enough for
    the payment states, and quick however many lessons the projects have had.
    """
    projects = list(projects)
    by_id = {project.pk: project for project in projects}
    lessons: dict[int, list] = defaultdict(list)
    charged = Lesson.objects.filter(project_id__in=by_id, status__in=MAYBE_CHARGED).order_by(
        "start", "pk"
    )
    if states_only:
        for row in charged.values_list("pk", "project_id", "status"):
            lessons[row[1]].append(LessonStatusRow(*row))
    else:
        for lesson in charged:
            lesson.project = by_id[lesson.project_id]  # no query per lesson
            lessons[lesson.project_id].append(lesson)
    packages: dict[int, list[Package]] = defaultdict(list)
    for package in (
        Package.objects.valid()
        .filter(project_id__in=by_id)
        .order_by("bought_on", "created_at", "pk")
    ):
        packages[package.project_id].append(package)
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for project_id, amount in (
        Payment.objects.valid().filter(project_id__in=by_id).values_list("project_id", "amount")
    ):
        paid[project_id] += amount
    return [
        _build(project, lessons[project.pk], packages[project.pk], paid[project.pk])
        for project in projects
    ]


def project_account(*, project: Project) -> Account:
    """The project's account: charged lessons, their payment state and the totals."""
    return _accounts([project])[0]


def student_accounts(*, student: User, teacher: User | None = None) -> list[Account]:
    """The accounts of the student's projects (with one teacher, if given), by title."""
    projects = Project.objects.for_student(student).select_related("teacher")
    if teacher is not None:
        projects = projects.for_teacher(teacher)
    return _accounts(projects.order_by("title", "pk"))


@dataclass(frozen=True)
class Debtor:
    student: User
    account: Account

    @property
    def project(self) -> Project:
        return self.account.project

    @property
    def debt(self) -> Decimal:
        return self.account.debt

    @property
    def oldest_unpaid(self) -> Lesson | None:
        return self.account.oldest_unpaid


def debtors(*, teacher: User) -> list[Debtor]:
    """The teacher's students whose project account is in debt, the oldest unpaid lesson first
    (debts with no unpaid lesson, such as an unpaid package, last).

    An account belongs to a project, so each student of a group project in debt is listed.
    """
    projects = Project.objects.for_teacher(teacher).prefetch_related("students").order_by("pk")
    result = [
        Debtor(student, account)
        for account in _accounts(projects)
        if account.balance < 0
        for student in sorted(account.project.students.all(), key=lambda s: s.pk)
    ]

    def oldest_first(debtor: Debtor):
        lesson = debtor.oldest_unpaid
        return (lesson is None, lesson.start if lesson else None, debtor.project.pk)

    return sorted(result, key=oldest_first)


def lesson_payment_states(
    *, lessons: Iterable[Lesson] | QuerySet[Lesson]
) -> dict[int, PaymentState | None]:
    """For a list (or a queryset) of lessons: each one's payment state, None when it is not
    charged."""
    if isinstance(lessons, QuerySet):
        pairs = list(lessons.prefetch_related(None).values_list("pk", "project_id"))
    else:
        pairs = [(lesson.pk, lesson.project_id) for lesson in lessons]
    projects = Project.objects.filter(pk__in={project_id for _pk, project_id in pairs})
    states: dict[int, PaymentState] = {}
    for account in _accounts(projects, states_only=True):
        states.update(account.states())
    return {pk: states.get(pk) for pk, _project_id in pairs}


def teacher_accounts(*, teacher: User) -> list[Account]:
    """The accounts of the teacher's projects, by title, in a fixed number of queries."""
    projects = Project.objects.for_teacher(teacher).select_related("teacher")
    return _accounts(projects.prefetch_related("students").order_by("title", "pk"))


def package_lessons_left(account: Account) -> dict[int, int]:
    """For each valid package of the account: how many of its lessons are left."""
    used: dict[int, int] = defaultdict(int)
    for line in account.lines:
        if line.package is not None:
            used[line.package.pk] += 1
    return {package.pk: package.lessons - used[package.pk] for package in account.packages}
