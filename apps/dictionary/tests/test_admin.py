from __future__ import annotations

from django.urls import reverse

from .factories import make_entry


def test_the_admin_lists_and_shows_entries(client, admin_user):
    entry = make_entry("maison", lang="fr", gender="f", translations=[("ru", "дом")])
    client.force_login(admin_user)

    listing = client.get(reverse("admin:dictionary_entry_changelist"), {"q": "maison"})
    page = client.get(reverse("admin:dictionary_entry_change", args=[entry.pk]))
    sense = client.get(reverse("admin:dictionary_sense_change", args=[entry.senses.get().pk]))

    assert listing.status_code == page.status_code == sense.status_code == 200
    assert "дом" in sense.content.decode()
