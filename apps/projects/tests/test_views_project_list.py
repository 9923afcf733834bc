"""The teacher's list of projects ("Students"): filters, sorting, pages, next lesson."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from apps.accounts.models import Role
from apps.projects.models import Language, ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc
from conftest import make_user

from .page_helpers import HTMX, NOW, project_with_lessons

URL = reverse("projects:list")


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_it_works(teacher_client, teacher, student):
    project = project_with_lessons(teacher, [student], title="English B1", price=1500)

    response = teacher_client.get(URL)

    assert response.status_code == 200
    assertContains(response, "<h1>Students</h1>", html=True)
    assertContains(response, f'href="{reverse("projects:detail", args=[project.pk])}"')
    assertContains(response, "Sasha Student")
    assertContains(response, "English")
    assertContains(response, "1,500 RUB")
    assertContains(response, '<span class="badge badge-active">active</span>', html=True)
    # The next lesson: Monday 18 January, 18:00 in Moscow (the teacher's zone), 15:00 UTC.
    assertContains(response, "Mon 18 Jan, 18:00")
    assertContains(response, 'class="table-scroll"')


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_is_for_teachers_only(student_client):
    assert student_client.get(URL).status_code == 403


def test_it_shows_only_the_teachers_own_projects(teacher_client, teacher, other_teacher):
    make_project(teacher, title="Mine")
    make_project(other_teacher, title="Someone else's")

    response = teacher_client.get(URL)

    assertContains(response, "Mine")
    assertNotContains(response, "Someone else&#x27;s")
    assert [p.title for p in response.context["table"].data] == ["Mine"]


def test_the_empty_state(teacher_client):
    response = teacher_client.get(URL)

    assertContains(response, "Create your first project")
    assertContains(response, f'href="{reverse("projects:create")}"')
    assertContains(response, f'href="{reverse("accounts:students")}"')
    assertContains(response, "Invite a student")
    assertNotContains(response, 'id="project-table"')


def test_the_next_lesson_skips_cancelled_and_past_lessons(teacher_client, teacher):
    project = make_project(teacher)
    make_lesson(project, NOW - timedelta(days=1))
    make_lesson(project, utc(2027, 1, 14, 9), status=LessonStatus.CANCELLED_BY_STUDENT)
    make_lesson(project, utc(2027, 1, 15, 9))
    make_lesson(project, utc(2027, 1, 16, 9))

    response = teacher_client.get(URL)

    (row,) = response.context["table"].data
    assert row.next_lesson == utc(2027, 1, 15, 9)
    assertContains(response, "Fri 15 Jan, 12:00")


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"q": "french"}, ["French A2"]),  # the title
        ({"q": "SASHA"}, ["English B1"]),  # a student's name
        ({"q": "nina@"}, ["French A2"]),  # a student's e-mail
        ({"q": "student"}, ["English B1", "French A2"]),  # both students, each project once
        ({"status": "paused"}, ["French A2"]),
        ({"language": "fr"}, ["French A2"]),
        ({"q": "", "status": "", "language": ""}, ["English B1", "French A2"]),
    ],
)
def test_filters(teacher_client, teacher, student, query, titles):
    nina = make_user("nina@example.com", "Nina Student", Role.STUDENT)
    make_project(teacher, title="English B1", students=(student,))
    make_project(
        teacher,
        title="French A2",
        language="fr",
        students=(nina, student) if query.get("q") == "student" else (nina,),
        status=ProjectStatus.PAUSED,
    )
    if query.get("language"):
        query = {"language": Language.objects.get(code=query["language"]).pk}

    response = teacher_client.get(URL, query)

    assert [p.title for p in response.context["table"].paginated_rows.data] == titles


def test_htmx_returns_the_table_only(teacher_client, teacher):
    make_project(teacher, title="English B1")
    make_project(teacher, title="French A2", language="fr")

    response = teacher_client.get(URL, {"q": "french"}, headers=HTMX)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="project-table"')
    assert "<html" not in content
    assert "French A2" in content
    assert "English B1" not in content


def test_the_filter_form_updates_the_table_with_htmx(teacher_client, teacher):
    make_project(teacher)

    response = teacher_client.get(URL)

    assertContains(
        response,
        'hx-trigger="input changed delay:300ms from:find input, change from:(#project-filter select), submit"',
    )
    assertContains(response, 'hx-target="#project-table"')
    assertContains(response, 'hx-push-url="true"')
    assertContains(response, f'method="get" action="{URL}"')


def test_sorting_and_pages(teacher_client, teacher):
    for i in range(30):
        make_project(teacher, title=f"Project {i:02d}", price=i)

    first = teacher_client.get(URL, {"sort": "-price"}, headers=HTMX)
    second = teacher_client.get(URL, {"sort": "-price", "page": "2"}, headers=HTMX)

    assert [p.title for p in first.context["table"].page.object_list.data][:2] == [
        "Project 29",
        "Project 28",
    ]
    assert len(second.context["table"].page.object_list) == 5
    # Sort and page links keep the other parameters and go through htmx, with an href beside.
    assertContains(first, 'href="?sort=-price&amp;page=2" hx-get="?sort=-price&amp;page=2"')
    assertContains(first, 'href="?sort=price" hx-get="?sort=price"')
    # Filtering keeps the order: a hidden input of the filter form, inside the table.
    assertContains(first, '<input type="hidden" name="sort" value="-price" form="project-filter">')


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_projects(teacher_client, teacher, student):
    other = make_user("second@example.com", "Second Student", Role.STUDENT)

    def add(n):
        for i in range(n):
            project_with_lessons(teacher, [student, other], title=f"Project {i}")

    add(3)
    with_3 = _queries(teacher_client)
    add(27)
    with_30 = _queries(teacher_client)

    assert with_3 == with_30


def test_templates(teacher_client, teacher):
    make_project(teacher)

    response = teacher_client.get(URL)

    assertTemplateUsed(response, "projects/list.html")
    assertTemplateUsed(response, "projects/_table.html")
