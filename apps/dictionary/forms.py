from __future__ import annotations

import filetype
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .models import PartOfSpeech

MAX_UPLOAD = 5 * 1024 * 1024
# Detected type (by content) -> (type stored and served, file extension).
AUDIO_TYPES = {
    "audio/mpeg": ("audio/mpeg", "mp3"),
    "audio/ogg": ("audio/ogg", "ogg"),
    "audio/x-wav": ("audio/wav", "wav"),
    "audio/mp4": ("audio/mp4", "m4a"),
}
PICTURE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
DICTIONARY_LANGUAGES = [("en", _("English")), ("fr", _("French"))]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Word"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("A word in English, French or Russian"),
                "autocomplete": "off",
                "autofocus": True,
            }
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("English and French")), *DICTIONARY_LANGUAGES],
    )
    pos = forms.ChoiceField(
        label=_("Part of speech"),
        required=False,
        choices=[("", _("Any part of speech")), *PartOfSpeech.choices],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1000, widget=forms.HiddenInput)

    def values(self) -> dict:
        """The search parameters; invalid ones are ignored rather than shown as errors."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": (data.get("q") or "").strip(),
            "language": data.get("language") or "",
            "part_of_speech": data.get("pos") or "",
            "page": data.get("page") or 1,
        }


def _check_size(file) -> None:
    if file.size > MAX_UPLOAD:
        raise forms.ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD)}
        )


class AudioForm(forms.Form):
    file = forms.FileField(
        label=_("Recording"),
        help_text=_("MP3, Ogg, WAV or M4A, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        _check_size(file)
        file.seek(0)
        kind = filetype.guess(file.read(8192))
        file.seek(0)
        if kind is None or kind.mime not in AUDIO_TYPES:
            raise forms.ValidationError(
                _("This is not a recording we can play: please upload MP3, Ogg, WAV or M4A.")
            )
        self.cleaned_data["content_type"], self.cleaned_data["extension"] = AUDIO_TYPES[kind.mime]
        return file


class PictureForm(forms.Form):
    file = forms.FileField(
        label=_("Picture"),
        help_text=_("JPEG, PNG, GIF or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    attribution = forms.CharField(
        label=_("Author and licence"),
        required=False,
        max_length=300,
        help_text=_("For example: “Photo: Anna Smith, CC BY 4.0”. Leave empty for your own."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        _check_size(file)
        try:
            file.seek(0)
            with Image.open(file) as image:
                image_format = image.format
                image.verify()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            image_format = None
        finally:
            file.seek(0)
        if image_format not in PICTURE_FORMATS:
            raise forms.ValidationError(
                _("This is not a picture we can show: please upload JPEG, PNG, GIF or WebP.")
            )
        self.cleaned_data["extension"] = PICTURE_FORMATS[image_format]
        return file
