from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def test_the_admin_lists_homework_read_only(client, admin_user, homework):
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:homework_homework_changelist"), {"state__exact": "assigned"}
    )
    assert response.status_code == 200
    assert "Unit 3" in response.text
    assert "By teacher" in response.text or "teacher" in response.text
    detail = client.get(reverse("admin:homework_homework_change", args=[homework.pk]))
    assert detail.status_code == 200
    assert 'name="title"' not in detail.text  # read-only
    assert client.get(reverse("admin:homework_homework_add")).status_code == 403
    items = client.get(reverse("admin:homework_homeworkexercise_changelist"))
    assert items.status_code == 200 and "Paris quiz" in items.text


def test_the_beat_runs_the_homework_tasks():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "apps.homework.tasks.mark_overdue" in tasks
    assert "apps.notifications.tasks.send_homework_due" in tasks
