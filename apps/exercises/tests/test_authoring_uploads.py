"""Pictures and recordings of items: checked by what the file holds, not by its name."""

from __future__ import annotations

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains, assertRedirects

from apps.exercises import forms as builder_forms
from apps.exercises.models import Kind

from .authoring_helpers import edit_data, edit_url
from .factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name: str = "cat.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def wav(name: str = "hello.wav") -> SimpleUploadedFile:
    frames = b"\x00\x00" * 800
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    header += b"data" + struct.pack("<I", len(frames))
    return SimpleUploadedFile(name, header + frames, content_type="audio/wav")


def post_item(client, exercise, **files):
    data = edit_data(exercise, [{"text": "I {went}."}])
    data.update({f"items-0-{name}": upload for name, upload in files.items()})
    return client.post(edit_url(exercise), data)


def test_a_real_picture_and_recording_are_saved(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = post_item(teacher_client, exercise, image=png(), audio=wav())

    assertRedirects(response, edit_url(exercise))
    item = exercise.items.get()
    assert item.image.name.startswith(f"exercises/{exercise.pk}/cat")
    assert item.audio.name.startswith(f"exercises/{exercise.pk}/hello")
    # The preview and the edit page show them; "clear" removes them.
    page = teacher_client.get(edit_url(exercise))
    assertContains(page, item.image.url)
    data = edit_data(exercise, [{"item": str(item.pk), "text": "I {went}.", "image-clear": "on"}])
    teacher_client.post(edit_url(exercise), data)
    item.refresh_from_db()
    assert not item.image
    assert item.audio


def test_text_named_png_is_refused_and_nothing_is_saved(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    fake = SimpleUploadedFile("cat.png", b"just some text, not a picture", content_type="image/png")

    response = post_item(teacher_client, exercise, image=fake)

    assert response.status_code == 200
    assertContains(response, "This file is not an image we can show.")
    assert not exercise.items.exists()


def test_a_picture_named_mp3_is_refused_as_a_recording(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = post_item(teacher_client, exercise, audio=png("song.mp3"))

    assertContains(response, "This file is not a recording we can play.")
    assert not exercise.items.exists()


def test_an_image_in_an_unwanted_format_is_refused(teacher_client, teacher):
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="BMP")
    bmp = SimpleUploadedFile("cat.png", buffer.getvalue(), content_type="image/png")

    response = post_item(teacher_client, exercise, image=bmp)

    assertContains(response, "PNG, JPEG, WebP or GIF")
    assert not exercise.items.exists()


def test_files_over_the_limits_are_refused(teacher_client, teacher, monkeypatch):
    monkeypatch.setattr(builder_forms, "MAX_IMAGE_BYTES", 10)
    monkeypatch.setattr(builder_forms, "MAX_AUDIO_BYTES", 10)
    exercise = make_exercise(Kind.GAP_FILL, [], author=teacher)

    response = post_item(teacher_client, exercise, image=png(), audio=wav())

    assertContains(response, "The image is larger than 5 MB.")
    assertContains(response, "The recording is larger than 10 MB.")
    assert not exercise.items.exists()
