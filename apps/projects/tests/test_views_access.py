"""Every project URL answers 404 to a teacher who does not own the project."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.projects.models import Goal
from apps.projects.tests.factories import make_project

PROJECT_URLS = [
    ("projects:detail", "get"),
    ("projects:edit", "get"),
    ("projects:edit", "post"),
    ("projects:status", "post"),
    ("projects:goals", "get"),
    ("projects:goal_create", "get"),
    ("projects:goal_create", "post"),
]
GOAL_URLS = [
    ("projects:goal_edit", "get"),
    ("projects:goal_edit", "post"),
    ("projects:goal_delete", "post"),
]


@pytest.fixture
def goal(teacher, student):
    project = make_project(teacher, students=(student,))
    return Goal.objects.create(project=project, text="Words", target_value=10, manual_value=0)


@pytest.mark.parametrize(("name", "method"), PROJECT_URLS + GOAL_URLS)
def test_it_checks_ownership(client, other_teacher, goal, name, method):
    args = [goal.project_id] if (name, method) in PROJECT_URLS else [goal.project_id, goal.pk]
    client.force_login(other_teacher)

    response = getattr(client, method)(reverse(name, args=args), {"status": "paused"})

    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PROJECT_URLS + GOAL_URLS)
def test_it_requires_login(client, goal, name, method):
    args = [goal.project_id] if (name, method) in PROJECT_URLS else [goal.project_id, goal.pk]

    response = getattr(client, method)(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_missing_project_is_404(teacher_client):
    assert teacher_client.get(reverse("projects:detail", args=[999])).status_code == 404
