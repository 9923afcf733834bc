from __future__ import annotations

from django.urls import reverse

from apps.dictionary.models import Entry
from apps.dictionary.selectors import search

from .factories import make_entry


def test_the_admin_lists_and_shows_entries(client, admin_user):
    entry = make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    client.force_login(admin_user)

    listing = client.get(reverse("admin:dictionary_entry_changelist"), {"q": "maison"})
    page = client.get(reverse("admin:dictionary_entry_change", args=[entry.pk]))
    sense = client.get(reverse("admin:dictionary_sense_change", args=[entry.senses.get().pk]))

    assert listing.status_code == page.status_code == sense.status_code == 200
    assert "дом" in sense.content.decode()


def test_a_moderator_publishes_a_contributed_entry(client, admin_user, teacher):
    pending = make_entry(
        "maisonnette", lang="fr", status=Entry.Status.PENDING, contributed_by=teacher
    )
    published = make_entry("maison", lang="fr")
    client.force_login(admin_user)

    waiting = client.get(reverse("admin:dictionary_entry_changelist"), {"status": "pending"})
    response = client.post(
        reverse("admin:dictionary_entry_changelist"),
        {"action": "publish", "_selected_action": [pending.pk, published.pk]},
        follow=True,
    )

    assert [entry.headword for entry in waiting.context["cl"].result_list] == ["maisonnette"]
    assert "1 entry is published." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Entry.Status.PUBLISHED
    assert search(query="maisonnette").entries == [pending]


def test_the_queue_shows_who_suggested_each_word(client, admin_user, teacher):
    make_entry("maisonnette", lang="fr", status=Entry.Status.PENDING, contributed_by=teacher)
    client.force_login(admin_user)

    response = client.get(
        reverse("admin:dictionary_entry_changelist"), {"status__exact": "pending"}
    )

    assert "maisonnette" in response.content.decode()
    assert "Tatiana Teacher" in response.content.decode()


def test_publishing_tells_the_contributor_in_their_language(
    client, admin_user, teacher, student, mailoutbox, django_capture_on_commit_callbacks
):
    student.language = "ru"
    student.save(update_fields=["language"])
    mine = make_entry("cabane", lang="fr", status=Entry.Status.PENDING, contributed_by=admin_user)
    teachers = make_entry(
        "maisonnette", lang="fr", status=Entry.Status.PENDING, contributed_by=teacher
    )
    students = make_entry("chalet", lang="fr", status=Entry.Status.PENDING, contributed_by=student)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:dictionary_entry_changelist"),
            {"action": "publish", "_selected_action": [mine.pk, teachers.pk, students.pk]},
        )

    # Not the moderator who published their own word.
    assert sorted(message.to[0] for message in mailoutbox) == [student.email, teacher.email]
    to_teacher = next(message for message in mailoutbox if message.to == [teacher.email])
    to_student = next(message for message in mailoutbox if message.to == [student.email])
    assert "Your word “maisonnette” is in the dictionary" in to_teacher.subject
    assert f"/dictionary/{teachers.pk}/" in to_teacher.body
    assert "Hello, Tatiana Teacher!" in to_teacher.body
    assert "Здравствуйте" in to_student.body
    assert "chalet" in to_student.subject


def test_publishing_on_the_change_page_tells_the_contributor(
    client, admin_user, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    entry = make_entry(
        "maisonnette", lang="fr", status=Entry.Status.PENDING, contributed_by=teacher
    )
    client.force_login(admin_user)
    page = client.get(reverse("admin:dictionary_entry_change", args=[entry.pk]))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("sources", "forms")
    }
    data.update(language=entry.language_id, status="published", contributed_by=teacher.pk)
    data["forms"] = "{}"
    for prefix in ("senses", "examples", "audio", "pictures"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:dictionary_entry_change", args=[entry.pk]), data)
        # Saved again, published already: no second mail.
        client.post(reverse("admin:dictionary_entry_change", args=[entry.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.status == Entry.Status.PUBLISHED
    assert [message.to for message in mailoutbox] == [[teacher.email]]
