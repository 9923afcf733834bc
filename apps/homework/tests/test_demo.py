from __future__ import annotations

from apps.accounts import demo as accounts_demo
from apps.homework import demo
from apps.homework.models import Homework
from apps.projects import demo as projects_demo


def test_demo_homework_is_made_once(db, mailoutbox):
    accounts_demo.seed()
    projects_demo.seed()

    made = demo.seed()

    assert made > 0
    assert Homework.objects.count() == made
    assert {h.badge for h in Homework.objects.all()} == {
        "assigned",
        "submitted",
        "checked",
        "overdue",
    }
    assert demo.seed() == 0
    assert mailoutbox == []
