"""The built-in dictionary: entries with senses, translations, examples, audio and pictures.

One entry per headword, part of speech and language. Importers merge several sources into an
entry and record each source (with its licence) on it. `*_folded` columns hold the text lowercased
and without accents (see `fold`), so exact and accent-insensitive search behave the same on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.projects.models import Language, Level


def fold(text: str) -> str:
    """Lowercase, without accents or stress marks: "École" -> "ecole", "до́ма" -> "дома".

    Russian yo folds to ye (dictionaries and people mix the two); short i stays a letter.
    """
    folded = []
    for char in unicodedata.normalize("NFC", text.strip().lower()):
        if char == "\u0439":  # й
            folded.append(char)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        folded.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(folded).replace("\u0153", "oe").replace("\u00e6", "ae")


class PartOfSpeech(models.TextChoices):
    NOUN = "noun", _("noun")
    VERB = "verb", _("verb")
    ADJECTIVE = "adjective", _("adjective")
    ADVERB = "adverb", _("adverb")
    PRONOUN = "pronoun", _("pronoun")
    PREPOSITION = "preposition", _("preposition")
    CONJUNCTION = "conjunction", _("conjunction")
    DETERMINER = "determiner", _("determiner")
    NUMERAL = "numeral", _("numeral")
    INTERJECTION = "interjection", _("interjection")
    PHRASE = "phrase", _("phrase")
    OTHER = "other", _("other")


class Gender(models.TextChoices):
    NONE = "", _("no gender")
    MASCULINE = "m", _("masculine")
    FEMININE = "f", _("feminine")
    NEUTER = "n", _("neuter")
    BOTH = "mf", _("masculine or feminine")


class Source(models.Model):
    """Where data came from, with its licence: shown on every entry that uses it."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    licence = models.CharField(_("licence"), max_length=200)
    url = models.URLField(_("address"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    PartOfSpeech = PartOfSpeech
    Gender = Gender

    class Status(models.TextChoices):
        # Imported entries are published; one a user contributes waits for a moderator.
        PUBLISHED = "published", _("published")
        PENDING = "pending", _("waiting for moderation")

    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="entries", verbose_name=_("language")
    )
    headword = models.CharField(_("headword"), max_length=200)
    headword_folded = models.CharField(max_length=200, editable=False, db_index=True)
    part_of_speech = models.CharField(
        _("part of speech"), max_length=16, choices=PartOfSpeech.choices
    )
    gender = models.CharField(
        _("gender"), max_length=2, choices=Gender.choices, blank=True, default=""
    )
    forms = models.JSONField(
        _("forms"),
        default=dict,
        blank=True,
        help_text=_('Key forms when known, e.g. {"plural": "chevaux"}.'),
    )
    ipa = models.CharField(_("pronunciation (IPA)"), max_length=200, blank=True)
    frequency = models.FloatField(
        _("frequency"),
        default=0,
        help_text=_("Zipf frequency (wordfreq): 7 is among the commonest words, 0 unknown."),
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices, blank=True)
    emoji = models.CharField(
        _("emoji"),
        max_length=32,
        blank=True,
        help_text=_("A picture for a concrete word, drawn by the reader's emoji font."),
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="entries", verbose_name=_("sources")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_default=Status.PUBLISHED,
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contributed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("dictionary entry")
        verbose_name_plural = _("dictionary entries")
        ordering = ["headword", "part_of_speech"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "headword", "part_of_speech"], name="entry_unique_headword"
            ),
        ]
        indexes = [models.Index(fields=["language", "-frequency"])]

    def __str__(self) -> str:
        return self.headword

    def save(self, *args, **kwargs):
        self.headword_folded = fold(self.headword)
        super().save(*args, **kwargs)

    def is_visible_to(self, user) -> bool:
        """Published entries are for every member; a pending one for its contributor and staff."""
        return (
            self.status == self.Status.PUBLISHED
            or user.is_staff
            or (self.contributed_by_id is not None and self.contributed_by_id == user.pk)
        )

    def is_editable_by(self, user) -> bool:
        """A suggested word is changed or withdrawn by its contributor and staff while it waits
        for moderation; published, it is the moderators' (in the admin)."""
        return self.status == self.Status.PENDING and (
            user.is_staff
            or (self.contributed_by_id is not None and self.contributed_by_id == user.pk)
        )


class Sense(models.Model):
    """One meaning of an entry, with an optional definition in the entry's language."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="senses", verbose_name=_("entry")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    definition = models.TextField(_("definition"), blank=True)
    note = models.CharField(
        _("usage note"), max_length=200, blank=True, help_text=_("E.g. informal, figurative.")
    )

    class Meta:
        verbose_name = _("sense")
        verbose_name_plural = _("senses")
        ordering = ["entry", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.entry} {self.position + 1}"


class Translation(models.Model):
    """A translation of a sense into another language (Russian or English)."""

    sense = models.ForeignKey(
        Sense, on_delete=models.CASCADE, related_name="translations", verbose_name=_("sense")
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    text = models.CharField(_("translation"), max_length=300)
    text_folded = models.CharField(max_length=300, editable=False, db_index=True)
    gender = models.CharField(
        _("gender"), max_length=2, choices=Gender.choices, blank=True, default=""
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source")
    )

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["sense", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.text_folded = fold(self.text)
        super().save(*args, **kwargs)


class Example(models.Model):
    """A usage example, with its translation when known."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="examples", verbose_name=_("entry")
    )
    sense = models.ForeignKey(
        Sense,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="examples",
        verbose_name=_("sense"),
    )
    text = models.TextField(_("example"))
    translation = models.TextField(_("translation"), blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source")
    )

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return self.text


def media_path(obj: models.Model, filename: str) -> str:
    return f"dictionary/{obj.entry_id}/{filename}"  # type: ignore[attr-defined]


class Audio(models.Model):
    """A pronunciation: recorded and uploaded, or generated offline with espeak-ng."""

    class Origin(models.TextChoices):
        RECORDED = "recorded", _("recorded")
        GENERATED = "generated", _("generated (espeak-ng)")

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="audio", verbose_name=_("entry")
    )
    file = models.FileField(_("file"), upload_to=media_path)
    content_type = models.CharField(_("type"), max_length=40)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    voice = models.CharField(_("voice"), max_length=20, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("audio")
        verbose_name_plural = _("audio")
        ordering = ["entry", "origin", "-created_at"]

    def __str__(self) -> str:
        return f"{self.entry} ({self.get_origin_display()})"


class Picture(models.Model):
    """A picture for a concrete word, with attribution."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="pictures", verbose_name=_("entry")
    )
    file = models.FileField(_("file"), upload_to=media_path)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return str(self.entry)
