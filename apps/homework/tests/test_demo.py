from __future__ import annotations

from apps.accounts import demo as accounts_demo
from apps.homework import demo
from apps.homework.models import Homework
from apps.lessons import demo as lessons_demo
from apps.projects import demo as projects_demo


def test_demo_homework_is_made_once(db, mailoutbox):
    accounts_demo.seed()
    projects_demo.seed()
    lessons_demo.seed()

    made = demo.seed()

    assert made > 0
    assert Homework.objects.count() == made
    assert {h.badge for h in Homework.objects.all()} == {
        "assigned",
        "submitted",
        "checked",
        "overdue",
    }
    for homework in Homework.objects.exclude(lesson=None):  # shown on the lesson it was given at
        assert homework.lesson.project == homework.project
        assert homework.lesson.start < homework.due_at
    assert Homework.objects.filter(lesson=None).count() < made / 4
    assert demo.seed() == 0
    assert mailoutbox == []
