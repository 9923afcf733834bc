"""The calendar page: week, day and month of the teacher's lessons, in the teacher's zone.

See conftest.py: the teacher is in Paris (UTC+1), "now" is Wednesday 13 January 2027, 13:00 there.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from apps.accounts.models import Role, User
from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson, LessonStatus
from apps.scheduling.tests.factories import make_lesson, make_slot, utc

URL = reverse("scheduling:calendar")


def column(response, day: str) -> str:
    """The HTML of one day's column of the week or day grid."""
    html = response.content.decode()
    start = html.index('class="cal-day')
    start = html.index(f'data-date="{day}"', start)
    ends = [html.find(marker, start + 1) for marker in ('class="cal-day', 'class="cal-agenda"')]
    return html[start : min(end for end in ends if end != -1)]


def placed(response) -> dict[int, object]:
    """The lessons the page shows, by id."""
    return {item.lesson.pk: item for day in response.context["period"].days for item in day.lessons}


def test_it_works(paris_client, thursday, french):
    # Stored in UTC late on Tuesday, it is Wednesday 00:30 in Paris.
    night = make_lesson(french, utc(2027, 1, 12, 23, 30), minutes=45)

    response = paris_client.get(URL, {"date": "2027-01-13"})

    assert response.status_code == 200
    period = response.context["period"]
    assert (period.view, period.first, period.last) == (
        "week",
        date(2027, 1, 11),
        date(2027, 1, 17),
    )
    assertContains(response, "11 Jan – 17 Jan 2027")
    thursday_column = column(response, "2027-01-14")
    assert f'data-lesson="{thursday.pk}"' in thursday_column
    assert "<strong>18:00</strong>" in thursday_column
    assert "Sasha Student" in thursday_column
    assert "English B1" in thursday_column
    assert f'data-lesson="{night.pk}"' in column(response, "2027-01-13")
    assert "<strong>00:30</strong>" in column(response, "2027-01-13")
    assert f'data-lesson="{night.pk}"' not in column(response, "2027-01-12")
    # The agenda under the grid lists the same lessons with their times.
    assertContains(response, "18:00–19:00")
    assertContains(response, "00:30–01:15")
    assert set(placed(response)) == {thursday.pk, night.pk}


def test_without_a_date_it_shows_this_week(paris_client, thursday):
    response = paris_client.get(URL)

    period = response.context["period"]
    assert (period.view, period.anchor, period.first) == (
        "week",
        date(2027, 1, 13),
        date(2027, 1, 11),
    )
    assert [day.is_today for day in period.days] == [False, False, True, False, False, False, False]
    assert thursday.pk in placed(response)


def test_day_view(paris_client, thursday, french):
    wednesday = make_lesson(french, utc(2027, 1, 13, 9))

    response = paris_client.get(URL, {"view": "day", "date": "2027-01-14"})

    assert response.status_code == 200
    period = response.context["period"]
    assert (period.view, period.first, period.last) == ("day", date(2027, 1, 14), date(2027, 1, 14))
    assertContains(response, "Thursday, 14 January 2027")
    assert "<strong>18:00</strong>" in column(response, "2027-01-14")
    assert set(placed(response)) == {thursday.pk}
    assertNotContains(response, f'data-lesson="{wednesday.pk}"')


def test_month_view(paris_client, english):
    response = paris_client.get(URL, {"view": "month", "date": "2027-01-20"})

    assert response.status_code == 200
    period = response.context["period"]
    # Whole weeks, Monday 28 December to Sunday 31 January.
    assert (period.first, period.last) == (date(2026, 12, 28), date(2027, 1, 31))
    assert len(period.weeks) == 5
    assert [day.in_period for day in period.days[:5]] == [False, False, False, False, True]
    assertContains(response, "January 2027")
    thursdays = english.lessons.filter(start__lt=utc(2027, 2, 1))
    assert [lesson.start.day for lesson in thursdays] == [7, 14, 21, 28]
    assert set(placed(response)) == {lesson.pk for lesson in thursdays}
    for lesson in thursdays:
        assertContains(response, f'data-lesson="{lesson.pk}"')
    assertContains(response, "18:00–19:00", count=8)  # in the grid and in the agenda


def test_previous_and_next_links(paris_client, english):
    week = paris_client.get(URL, {"date": "2027-01-13"})
    day = paris_client.get(URL, {"view": "day", "date": "2027-01-13"})
    month = paris_client.get(URL, {"view": "month", "date": "2027-01-13"})

    assert (week.context["previous_url"], week.context["next_url"]) == (
        f"{URL}?view=week&date=2027-01-04",
        f"{URL}?view=week&date=2027-01-18",
    )
    assertContains(week, f'href="{URL}?view=week&amp;date=2027-01-04"')
    assertContains(week, f'href="{URL}?view=week&amp;date=2027-01-18"')
    assertContains(week, f'href="{URL}?view=day&amp;date=2027-01-13"')
    assertContains(week, f'href="{URL}?view=month&amp;date=2027-01-13"')
    assert (day.context["previous_url"], day.context["next_url"]) == (
        f"{URL}?view=day&date=2027-01-12",
        f"{URL}?view=day&date=2027-01-14",
    )
    assert (month.context["previous_url"], month.context["next_url"]) == (
        f"{URL}?view=month&date=2026-12-01",
        f"{URL}?view=month&date=2027-02-01",
    )
    assert month.context["today_url"] == f"{URL}?view=month&date=2027-01-13"


def test_the_next_week_link_leads_to_the_next_week(paris_client, english):
    url = paris_client.get(URL, {"date": "2027-01-13"}).context["next_url"]

    response = paris_client.get(url)

    assert response.context["period"].first == date(2027, 1, 18)
    assert [item.start.day for item in placed(response).values()] == [21]


def test_an_invalid_date_or_view_falls_back(paris_client, english):
    this_week, this_month = "11 Jan – 17 Jan 2027", "January 2027"
    for query, expected in (
        ({"date": "soon"}, this_week),
        ({"date": "2027-02-30"}, this_week),
        ({"date": ""}, this_week),
        ({"view": "year", "date": "2027-01-13"}, this_week),
        ({"view": "", "date": "2027-01-13"}, this_week),
        ({"date": "9999-12-31"}, this_week),
        ({"date": "0001-01-01"}, this_week),
        ({"view": "month", "date": "9999-12-15"}, this_month),
    ):
        response = paris_client.get(URL, query)

        assert response.status_code == 200, query
        title = response.content.decode().split('id="calendar-title">')[1].split("</h1>")[0]
        assert title.strip() == expected, query


def test_a_week_beyond_the_horizon_gets_its_lessons(paris_client, english, others):
    make_slot(others, [0], time(18))
    assert not english.lessons.filter(start__gte=utc(2027, 4, 8)).exists()

    response = paris_client.get(URL, {"date": "2027-06-10"})

    # Thursday 10 June, 18:00 in Paris is 16:00 UTC (summer time).
    june = english.lessons.get(start=utc(2027, 6, 10, 16))
    assert f'data-lesson="{june.pk}"' in column(response, "2027-06-10")
    assert "<strong>18:00</strong>" in column(response, "2027-06-10")
    # The weeks in between are filled too, up to the Sunday shown and no further.
    later = english.lessons.filter(start__gte=utc(2027, 4, 8))
    assert later.count() == 10  # 8 April to 10 June
    assert later.last() == june
    # Another teacher's projects are not the calendar's business.
    assert not others.lessons.exists()


def test_far_future_weeks_generate_at_most_two_years(paris_client, english):
    response = paris_client.get(URL, {"date": "2090-01-05"})

    assert response.status_code == 200
    assert response.context["period"].first == date(2090, 1, 2)
    last = english.lessons.last()
    assert last.start.date() <= date(2027, 1, 13) + timedelta(weeks=104)
    assert english.lessons.count() < 110


def test_overlapping_lessons_are_marked(paris_client, thursday, french, others):
    overlapping = make_lesson(french, utc(2027, 1, 14, 17, 30))
    apart = make_lesson(french, utc(2027, 1, 15, 9))
    make_lesson(french, utc(2027, 1, 15, 9, 30), status=LessonStatus.CANCELLED_BY_STUDENT)
    adjoining = make_lesson(french, utc(2027, 1, 15, 10))  # starts when `apart` ends
    theirs = make_lesson(others, utc(2027, 1, 15, 9, 15))

    response = paris_client.get(URL, {"date": "2027-01-13"})

    items = placed(response)
    assert {pk for pk, item in items.items() if item.conflict} == {thursday.pk, overlapping.pk}
    assert not items[apart.pk].conflict
    assert not items[adjoining.pk].conflict
    # Each overlap is shown in the grid and in the agenda.
    assertContains(response, '<span class="badge badge-warn">overlap</span>', count=4)
    assert "overlap" in column(response, "2027-01-14")
    assert "overlap" not in column(response, "2027-01-15")
    # Another teacher's lesson at the same time is neither shown nor counted as an overlap.
    assert theirs.pk not in items
    assertNotContains(response, "German for Olga")
    assertNotContains(response, "Olga Other")


def test_another_teacher_sees_only_their_own_lessons(client, other_teacher, thursday, others):
    theirs = make_lesson(others, utc(2027, 1, 14, 17))
    client.force_login(other_teacher)

    response = client.get(URL, {"date": "2027-01-13"})

    assert set(placed(response)) == {theirs.pk}
    assertNotContains(response, "English B1")
    assertNotContains(response, "Sasha Student")


def test_a_lesson_past_midnight_stays_inside_its_column(paris_client, french):
    late = make_lesson(french, utc(2027, 1, 14, 22, 30))  # 23:30–00:30 in Paris

    response = paris_client.get(URL, {"date": "2027-01-13"})

    item = placed(response)[late.pk]
    assert item.start.date() == date(2027, 1, 14)
    assert item.height > 0
    assert item.top + item.height <= 100
    assert response.context["period"].hours[-1] == 23


def test_cancelled_lessons_are_shown_as_such(paris_client, thursday):
    thursday.status = LessonStatus.CANCELLED_BY_TEACHER
    thursday.save()

    response = paris_client.get(URL, {"date": "2027-01-13"})

    assertContains(response, "cancelled by the teacher")
    assert 'class="cal-lesson cancelled"' in column(response, "2027-01-14")


def test_the_query_count_does_not_grow_with_projects(client, paris_teacher, now):
    def add_projects(count: int, first: int) -> None:
        for number in range(first, first + count):
            pupil = User.objects.create_user(
                email=f"pupil{number}@example.com", name=f"Pupil {number:02}", role=Role.STUDENT
            )
            project = make_project(paris_teacher, students=(pupil,), title=f"Project {number:02}")
            # Monday to Sunday, 08:00 to 21:00 UTC: each project's lesson at its own time.
            start = utc(2027, 1, 11, 8) + timedelta(days=number % 7, hours=number // 7)
            make_lesson(project, start, minutes=45)
            make_lesson(project, start + timedelta(weeks=1), minutes=45)

    client.force_login(paris_teacher)
    client.get(URL, {"date": "2027-01-04"})  # a first visit makes the teacher's calendar version

    add_projects(3, first=0)
    with CaptureQueriesContext(connection) as few:
        response = client.get(URL, {"date": "2027-01-13"})
    assert len(placed(response)) == 3
    add_projects(27, first=3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"date": "2027-01-13"})

    assert len(placed(response)) == 30
    assert Lesson.objects.count() == 60
    assert len(many) == len(few)
    # The session, the user, the calendar version, then the period: fixed whatever the data.
    assert len(many) <= 7, [query["sql"] for query in many.captured_queries]


def test_it_requires_login(client, db):
    response = client.get(URL)

    assertRedirects(response, f"{reverse('accounts:login')}?next={URL}")


def test_a_student_is_refused(ekb_client):
    response = ekb_client.get(URL)

    assert response.status_code == 403


def test_a_pending_teacher_waits_for_approval(client, pending_teacher):
    client.force_login(pending_teacher)

    response = client.get(URL)

    assertRedirects(response, reverse("accounts:awaiting_approval"))


def test_htmx_returns_fragment(paris_client, thursday):
    response = paris_client.get(URL, {"date": "2027-01-13"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="calendar"')
    assert f'data-lesson="{thursday.pk}"' in html


def test_boosted_and_history_requests_get_the_page(paris_client, english):
    for headers in (
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
    ):
        response = paris_client.get(URL, headers=headers)

        assertContains(response, "<html")


def test_each_hour_of_each_day_has_an_add_link(paris_client, english):
    response = paris_client.get(URL, {"date": "2027-01-13"})

    wednesday = column(response, "2027-01-13")
    create = reverse("scheduling:lesson_create")
    period = response.context["period"]
    assert wednesday.count('class="cal-slot"') == len(period.hours)
    # Keyboard and screen-reader users reach the same link as a click on the empty hour.
    assert f'href="{create}?start=2027-01-13T18:00"' in wednesday
    assert f'hx-get="{create}?start=2027-01-13T09:00"' in wednesday
    assert "Add a lesson on Wednesday 13 January at 18:00" in wednesday
    assert "?start=2027-01-14T" not in wednesday


def test_the_add_links_speak_the_viewers_language(paris_client, paris_teacher, english):
    paris_teacher.language = "ru"
    paris_teacher.save(update_fields=["language"])

    response = paris_client.get(URL, {"date": "2027-01-13"})

    assert "Добавить урок: Среда 13 января, 18:00" in column(response, "2027-01-13")
