"""Recorded pronunciations and pictures uploaded by teachers; generated pronunciations."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains

from apps.dictionary import services, tasks
from apps.dictionary.forms import MAX_UPLOAD
from apps.dictionary.models import Audio, Picture

from .factories import make_entry

HTMX = {"HX-Request": "true"}
# The first bytes of real files: an MP3 with an ID3 tag, a WAV.
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\xff\xfb\x90\x00" + b"\x00" * 400
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00" + b"\x00" * 400
HAS_ESPEAK = bool(shutil.which("espeak-ng") and shutil.which("opusenc"))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def entry(db):
    return make_entry("maison", lang="fr", gender="f")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _audio_url(entry) -> str:
    return reverse("dictionary:audio_upload", args=[entry.pk])


def _picture_url(entry) -> str:
    return reverse("dictionary:picture_upload", args=[entry.pk])


# Recordings


@pytest.mark.parametrize(
    ("name", "data", "content_type"), [("a.mp3", MP3, "audio/mpeg"), ("b.wav", WAV, "audio/wav")]
)
def test_a_teacher_uploads_a_recording(teacher_client, teacher, entry, name, data, content_type):
    response = teacher_client.post(
        _audio_url(entry), {"file": SimpleUploadedFile(name, data, "application/octet-stream")}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dictionary:entry", args=[entry.pk])
    audio = Audio.objects.get(entry=entry)
    assert audio.origin == Audio.Origin.RECORDED
    assert audio.content_type == content_type
    assert audio.uploaded_by == teacher
    page = teacher_client.get(response["Location"])
    assertContains(page, "The recording is added.")
    assertContains(page, audio.file.url)


def test_the_type_is_checked_by_content_not_by_name(teacher_client, entry):
    fake = SimpleUploadedFile("song.mp3", b"<html>not a sound</html>" * 20, "audio/mpeg")

    response = teacher_client.post(_audio_url(entry), {"file": fake})

    assert response.status_code == 200
    assertContains(response, "This is not a recording we can play")
    assert not Audio.objects.exists()


def test_a_picture_is_not_a_recording(teacher_client, entry):
    response = teacher_client.post(
        _audio_url(entry), {"file": SimpleUploadedFile("x.mp3", _png(), "audio/mpeg")}
    )

    assertContains(response, "This is not a recording we can play")
    assert not Audio.objects.exists()


def test_a_recording_over_5_mb_is_refused(teacher_client, entry):
    big = SimpleUploadedFile("big.mp3", MP3 + b"\x00" * MAX_UPLOAD, "audio/mpeg")

    response = teacher_client.post(_audio_url(entry), {"file": big})

    assertContains(response, "the largest allowed is 5.0")
    assert not Audio.objects.exists()


def test_students_cannot_upload(student_client, entry):
    response = student_client.post(
        _audio_url(entry), {"file": SimpleUploadedFile("a.mp3", MP3, "audio/mpeg")}
    )
    assert response.status_code == 403
    response = student_client.post(
        _picture_url(entry), {"file": SimpleUploadedFile("a.png", _png(), "image/png")}
    )
    assert response.status_code == 403
    assert not Audio.objects.exists()
    assert not Picture.objects.exists()


def test_the_upload_page_works_alone(teacher_client, entry):
    response = teacher_client.get(_audio_url(entry))

    assertContains(response, "<h1>Add a recording</h1>", html=True)
    assertContains(response, 'enctype="multipart/form-data"')


def test_an_unknown_entry_is_not_found(teacher_client, db):
    assert teacher_client.get(reverse("dictionary:audio_upload", args=[99999])).status_code == 404


def test_a_teacher_deletes_only_their_own_recording(client, teacher, other_teacher, entry):
    client.force_login(teacher)
    client.post(_audio_url(entry), {"file": SimpleUploadedFile("a.mp3", MP3, "audio/mpeg")})
    audio = Audio.objects.get()
    url = reverse("dictionary:audio_delete", args=[entry.pk, audio.pk])

    client.force_login(other_teacher)
    assert client.post(url).status_code == 404
    assert Audio.objects.exists()

    client.force_login(teacher)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Audio.objects.exists()


# Pictures


def test_a_teacher_uploads_a_picture(teacher_client, teacher, entry):
    response = teacher_client.post(
        _picture_url(entry),
        {
            "file": SimpleUploadedFile("house.png", _png(), "image/png"),
            "attribution": "Photo: Anna, CC BY 4.0",
        },
    )

    assert response.status_code == 302
    picture = Picture.objects.get(entry=entry)
    assert picture.file.name.endswith(".png")
    page = teacher_client.get(response["Location"])
    assertContains(page, picture.file.url)
    assertContains(page, "Photo: Anna, CC BY 4.0")


def test_a_broken_picture_is_refused(teacher_client, entry):
    response = teacher_client.post(
        _picture_url(entry),
        {"file": SimpleUploadedFile("x.jpg", b"\xff\xd8\xffnot really", "image/jpeg")},
    )

    assert response.status_code == 200
    assertContains(response, "This is not a picture we can show")
    assert not Picture.objects.exists()


def test_a_teacher_deletes_only_their_own_picture(client, teacher, other_teacher, entry):
    client.force_login(teacher)
    client.post(_picture_url(entry), {"file": SimpleUploadedFile("a.png", _png(), "image/png")})
    picture = Picture.objects.get()
    url = reverse("dictionary:picture_delete", args=[entry.pk, picture.pk])

    client.force_login(other_teacher)
    assert client.post(url).status_code == 404

    client.force_login(teacher)
    assert client.post(url).status_code == 302
    assert not Picture.objects.exists()


# Generated pronunciations


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng and opusenc are not installed")
def test_espeak_generates_an_ogg_opus_pronunciation_once(entry):
    first = tasks.generate_audio(entry.pk)
    second = tasks.generate_audio(entry.pk)

    audio = Audio.objects.get()
    assert first == second == audio.pk
    assert audio.origin == Audio.Origin.GENERATED
    assert audio.voice == "fr-fr"
    assert audio.content_type == "audio/ogg"
    assert audio.file.name.endswith("-fr-fr.ogg")
    with audio.file.open("rb") as file:
        assert file.read(4) == b"OggS"


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng and opusenc are not installed")
def test_the_generate_button_returns_the_player(student_client, entry):
    page = student_client.get(reverse("dictionary:entry", args=[entry.pk]))
    assertContains(page, "Generate pronunciation")

    response = student_client.post(
        reverse("dictionary:audio_generate", args=[entry.pk]), headers=HTMX
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="entry-audio"')
    audio = Audio.objects.get(entry=entry, origin=Audio.Origin.GENERATED)
    assert f'<audio id="audio-{audio.pk}" controls preload="none">' in content
    assert "data-play-audio" in content


def test_a_recorded_pronunciation_is_not_replaced_by_a_generated_one(teacher_client, entry):
    teacher_client.post(_audio_url(entry), {"file": SimpleUploadedFile("a.mp3", MP3, "audio/mpeg")})

    tasks.generate_audio(entry.pk)

    assert list(Audio.objects.values_list("origin", flat=True)) == [Audio.Origin.RECORDED]


def test_without_espeak_the_page_says_so(teacher_client, entry, monkeypatch):
    monkeypatch.setattr(services.shutil, "which", lambda name: None)

    page = teacher_client.get(reverse("dictionary:entry", args=[entry.pk]))
    assertContains(page, "No pronunciation yet.")

    response = teacher_client.post(
        reverse("dictionary:audio_generate", args=[entry.pk]), follow=True
    )
    assertContains(response, "Pronunciations cannot be generated on this server.")
    assert not Audio.objects.exists()


def test_a_queued_generation_is_polled_until_ready(teacher_client, entry, monkeypatch):
    monkeypatch.setattr(tasks.generate_audio, "delay", lambda entry_id: None)  # a busy worker

    response = teacher_client.post(
        reverse("dictionary:audio_generate", args=[entry.pk]), headers=HTMX
    )

    if services.can_generate(entry):
        assertContains(response, "The pronunciation is being prepared")
        assertContains(response, 'hx-trigger="load delay:2s"')
        poll = teacher_client.get(
            reverse("dictionary:audio", args=[entry.pk]) + "?pending=15", headers=HTMX
        )
        assertContains(poll, "The pronunciation is not ready yet.")
