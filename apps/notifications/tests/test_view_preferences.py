from __future__ import annotations

from django.urls import reverse

from apps.notifications.models import NotificationPreference

URL = reverse("notifications:preferences")


def test_it_works(teacher_client, teacher):
    response = teacher_client.post(URL, {"lesson_tomorrow": "on", "package_low": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    preference = NotificationPreference.objects.get(user=teacher)
    assert preference.lesson_tomorrow and preference.package_low
    assert not preference.lesson_soon and not preference.lesson_changed
    response = teacher_client.get(response["Location"])
    assert "Your e-mail reminders are saved." in response.text


def test_it_requires_login(client):
    response = client.post(URL, {})

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_students_have_no_package_switch(client, student):
    client.force_login(student)
    client.post(URL, {"lesson_soon": "on", "package_low": "on"})

    preference = NotificationPreference.objects.get(user=student)
    assert preference.lesson_soon
    assert not preference.lesson_tomorrow
    assert preference.package_low  # not on the form: keeps its default


def test_the_profile_shows_the_form(teacher_client, teacher):
    NotificationPreference.objects.create(user=teacher, lesson_soon=False)

    response = teacher_client.get(reverse("accounts:profile"))

    assert "<h2>Reminders</h2>" in response.text
    assert f'action="{URL}"' in response.text
    assert 'name="lesson_soon"' in response.text
    assert 'name="lesson_soon" id="id_lesson_soon" checked' not in response.text
    assert 'name="lesson_tomorrow" id="id_lesson_tomorrow" checked' in response.text


def test_the_page_works_alone(teacher_client):
    response = teacher_client.get(URL)

    assert response.status_code == 200
    assert 'name="package_low"' in response.text
