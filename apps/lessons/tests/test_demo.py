"""The demo money that `manage.py seed_demo` records after the demo projects."""

from __future__ import annotations

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.lessons import demo, selectors
from apps.lessons.models import Package, Payment
from apps.projects import demo as projects_demo
from apps.projects.models import Project


def _seed_projects() -> None:
    accounts_demo.seed()
    projects_demo.seed()


def test_it_works(db):
    _seed_projects()
    assert demo.seed() > 0
    for email, *_rest in accounts_demo.TEACHERS:
        accounts = selectors.teacher_accounts(teacher=User.objects.get(email=email))
        assert any(account.balance < 0 for account in accounts), email  # in debt
        assert any(account.balance > 0 for account in accounts), email  # in credit
        assert any(account.balance == 0 and account.lines for account in accounts), email
        [package] = Package.objects.filter(project__teacher__email=email)
        assert (package.lessons, package.comment) == (8, "8 lessons")
        account = next(a for a in accounts if a.packages)
        assert account.package_lessons_used > 0


def test_it_is_idempotent(db):
    _seed_projects()
    demo.seed()
    payments, packages = Payment.objects.count(), Package.objects.count()

    assert demo.seed() == 0

    assert (Payment.objects.count(), Package.objects.count()) == (payments, packages)


def test_a_project_with_money_is_left_alone(db):
    _seed_projects()
    demo.seed()
    project = Project.objects.filter(payments__isnull=False).order_by("pk").first()
    Payment.objects.filter(project=project).delete()
    Package.objects.filter(project=project).delete()
    assert demo.seed() == 1
