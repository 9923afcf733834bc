from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

URL = reverse("accounts:password_reset")
NEW_PASSWORD = "a-brand-new-passphrase-9"


def _link_in_last_mail() -> str:
    match = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _set_password(client, link: str, new: str = NEW_PASSWORD, again: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    return client.post(set_url, {"new_password1": new, "new_password2": again})


def test_it_works(client, student):
    response = client.post(URL, {"email": "Student@Example.com"})

    assertRedirects(response, reverse("accounts:password_reset_done"))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [student.email]
    assert mail.outbox[0].subject == "Set a new password on Verbal Voyager"
    assert f"Hello, {student.name}!" in mail.outbox[0].body

    response = _set_password(client, _link_in_last_mail())

    assertRedirects(response, reverse("accounts:password_reset_complete"))
    student.refresh_from_db()
    assert student.check_password(NEW_PASSWORD)
    login = client.post(
        reverse("accounts:login"), {"username": student.email, "password": NEW_PASSWORD}
    )
    assertRedirects(login, reverse("common:home"))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = client.post(URL, {"email": "nobody@example.com"})

    assertRedirects(response, reverse("accounts:password_reset_done"))
    assert mail.outbox == []


def test_the_link_works_once(client, student, password):
    client.post(URL, {"email": student.email})
    link = _link_in_last_mail()
    _set_password(client, link)

    again = client.get(link, follow=True)

    assert again.context["validlink"] is False
    assertContains(again, reverse("accounts:password_reset"))
    student.refresh_from_db()
    assert student.check_password(NEW_PASSWORD)


def test_mismatched_passwords_change_nothing(client, student, password):
    client.post(URL, {"email": student.email})

    response = _set_password(client, _link_in_last_mail(), again="something-else-entirely-3")

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    student.refresh_from_db()
    assert student.check_password(password)
