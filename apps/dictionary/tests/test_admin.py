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
