from __future__ import annotations

import re
import unicodedata

import filetype
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .models import Gender, PartOfSpeech

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


# Suggesting a word


# Nouns of these languages must have a gender, one of these (no neuter in French).
NOUN_GENDERS = {
    "fr": {Gender.MASCULINE, Gender.FEMININE, Gender.BOTH},
    "ru": {Gender.MASCULINE, Gender.FEMININE, Gender.NEUTER, Gender.BOTH},
}
GENDER_MISSING = {
    "fr": _("Choose the gender: every French noun has one."),
    "ru": _("Choose the gender: every Russian noun has one."),
}
GENDER_WRONG = {
    "fr": _("French nouns are masculine or feminine: French has no neuter."),
    "ru": _("Choose one of the Russian genders."),
}
MAX_HEADWORD = 100  # the search box takes 100 characters: a longer word could not be found
MAX_IPA = 100
MAX_TRANSLATION = 200
MAX_TRANSLATIONS = 10  # per language
MAX_EXAMPLE = 500
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _lines(text: str) -> list[str]:
    """Translations typed one per line (or separated by semicolons), tidied, without repeats."""
    seen: set[str] = set()
    items = []
    for part in re.split(r"[\n;]", text or ""):
        item = _one_line(part)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


class SuggestionForm(forms.Form):
    """A word a member suggests: waits for a moderator. Duplicates are the service's to find."""

    language = forms.ChoiceField(
        label=_("Language of the word"), choices=[("", "---------"), *DICTIONARY_LANGUAGES]
    )
    headword = forms.CharField(
        label=_("Word or expression"),
        max_length=MAX_HEADWORD,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "As a dictionary gives it: a noun without its article, a verb in the infinitive."
        ),
    )
    part_of_speech = forms.ChoiceField(
        label=_("Part of speech"), choices=[("", "---------"), *PartOfSpeech.choices]
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=Gender.choices,
        help_text=_("French nouns only."),
    )
    ipa = forms.CharField(
        label=_("Pronunciation (IPA)"),
        required=False,
        max_length=MAX_IPA,
        help_text=_("Optional, without slashes, e.g. mɛzɔ̃."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    translations_ru = forms.CharField(
        label=_("Russian translations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "ru"}),
        help_text=_("One per line."),
    )
    translations_en = forms.CharField(
        label=_("English translations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
        help_text=_("For French words. One per line."),
    )
    example = forms.CharField(
        label=_("Usage example"),
        required=False,
        max_length=MAX_EXAMPLE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: a short sentence with the word."),
    )
    example_translation = forms.CharField(
        label=_("Translation of the example"),
        required=False,
        max_length=MAX_EXAMPLE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def initial_from_search(cls, params) -> dict:
        """What the search page passes on (?q=&language=&pos=): a word typed in Russian is a
        translation, anything else the word itself. Unknown values are dropped."""
        initial: dict = {}
        query = _one_line(str(params.get("q", "")))[:MAX_HEADWORD]
        if query:
            initial["translations_ru" if CYRILLIC.search(query) else "headword"] = query
        if params.get("language") in dict(DICTIONARY_LANGUAGES):
            initial["language"] = params["language"]
        if params.get("pos") in PartOfSpeech.values:
            initial["part_of_speech"] = params["pos"]
        return initial

    @classmethod
    def initial_from_suggestion(cls, suggestion) -> dict:
        """The form filled with a suggested word (services.Suggestion), to change it."""
        initial = dict(vars(suggestion))
        for name in ("translations_ru", "translations_en"):
            initial[name] = "\n".join(initial[name])
        return initial

    def clean_headword(self) -> str:
        headword = _one_line(self.cleaned_data["headword"])
        if not any(char.isalpha() for char in headword):
            raise forms.ValidationError(_("The word must contain letters."))
        return headword

    def clean_ipa(self) -> str:
        return _one_line(self.cleaned_data["ipa"]).strip("/[] ")

    def clean_example(self) -> str:
        return _one_line(self.cleaned_data["example"])

    def clean_example_translation(self) -> str:
        return _one_line(self.cleaned_data["example_translation"])

    def _clean_translations(self, name: str) -> list[str]:
        items = _lines(self.cleaned_data[name])
        for item in items:
            if len(item) > MAX_TRANSLATION:
                raise forms.ValidationError(
                    _("“%(start)s…” is too long: a translation has at most %(limit)d characters.")
                    % {"start": item[:20], "limit": MAX_TRANSLATION}
                )
        if len(items) > MAX_TRANSLATIONS:
            raise forms.ValidationError(
                _("At most %(limit)d translations per language, please.")
                % {"limit": MAX_TRANSLATIONS}
            )
        return items

    def clean_translations_ru(self) -> list[str]:
        return self._clean_translations("translations_ru")

    def clean_translations_en(self) -> list[str]:
        return self._clean_translations("translations_en")

    def clean(self):
        data = super().clean()
        language = data.get("language")
        headword = data.get("headword")
        if headword and language in ("en", "fr") and CYRILLIC.search(headword):
            self.add_error(
                "headword",
                _(
                    "This looks like a Russian word. Type the English or French word here "
                    "and its Russian translation below."
                ),
            )
        self._check_gender(language, data.get("part_of_speech"), data.get("gender", ""))
        russian = data.get("translations_ru")
        english = data.get("translations_en")
        if language == "en" and english:
            self.add_error(
                "translations_en",
                _("An English word needs no English translation: give the Russian one."),
            )
        if russian == [] and english == [] and not self.has_error("translations_ru"):
            self.add_error(
                "translations_ru", _("Give at least one translation, into Russian or English.")
            )
        if data.get("example_translation") and not data.get("example"):
            self.add_error("example", _("Type the example too, or leave its translation empty."))
        return data

    def _check_gender(self, language: str | None, part_of_speech: str | None, gender: str) -> None:
        if not language or not part_of_speech:
            return
        if part_of_speech != PartOfSpeech.NOUN:
            if gender:
                self.add_error("gender", _("Only nouns have a gender here: leave it empty."))
            return
        if language not in NOUN_GENDERS:
            if gender:
                self.add_error(
                    "gender", _("English nouns have no grammatical gender: leave it empty.")
                )
        elif not gender:
            self.add_error("gender", GENDER_MISSING[language])
        elif gender not in NOUN_GENDERS[language]:
            self.add_error("gender", GENDER_WRONG[language])
