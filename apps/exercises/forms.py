"""The teacher's exercise builder: the exercise's settings and one small form per item.

Each kind has an item form whose fields are quick to type (one textarea of gap markup, one
option per line...). `ItemForm.item_data()` turns them into the `Item.data` shape of the
exercise contract; `kinds.validate_item_data` then says what is wrong with it.
"""

from __future__ import annotations

import json

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from apps.projects.models import Language, Level

from . import kinds
from .models import Category, Exercise, Kind, Tag

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_AUDIO_BYTES = 10 * 1024 * 1024
MAX_IMPORT_BYTES = 1024 * 1024
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
AUDIO_TYPES = {"mp3", "ogg", "wav", "m4a", "webm"}
MAX_ITEMS = 100
MAX_GROUPS = 8
MAX_TAGS = 10


# Uploads: checked by what the file holds, never by its name.


def check_image(upload: UploadedFile) -> None:
    if upload.size > MAX_IMAGE_BYTES:
        raise forms.ValidationError(_("The image is larger than 5 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        image_format = None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise forms.ValidationError(
            _("This file is not an image we can show. Upload a PNG, JPEG, WebP or GIF picture.")
        )


def check_audio(upload: UploadedFile) -> None:
    if upload.size > MAX_AUDIO_BYTES:
        raise forms.ValidationError(_("The recording is larger than 10 MB."))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in AUDIO_TYPES:
        raise forms.ValidationError(
            _(
                "This file is not a recording we can play. Upload an MP3, OGG, WAV, M4A or WebM file."
            )
        )


# The exercise's settings


def category_choices() -> list[tuple[str, str]]:
    """Every category labelled with its full path, root first, in tree order."""
    nodes = list(Category.objects.all())
    children: dict[int | None, list[Category]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    choices: list[tuple[str, str]] = [("", "—")]

    def walk(parent_id: int | None, path: list[str], depth: int) -> None:
        for node in children.get(parent_id, []):
            names = [*path, node.name]
            choices.append((str(node.pk), " › ".join(names)))
            if depth < 20:
                walk(node.pk, names, depth + 1)

    walk(None, [], 0)
    return choices


def split_tags(value: str) -> list[str]:
    names: list[str] = []
    for raw in value.split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


class ExerciseForm(forms.ModelForm):
    """Kind, language, level, category, tags, title, instructions, tolerance."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, e.g. “present perfect, travel”. New tags are created."),
    )

    class Meta:
        model = Exercise
        fields = ["kind", "language", "level", "title", "instructions", "tolerance"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {
                "required": _("Give the exercise a title, e.g. “Present perfect: have or has”.")
            },
            "kind": {"required": _("Choose the type of the exercise.")},
        }
        help_texts = {
            "tolerance": _("Only for typed gaps: how strictly the student's words are compared."),
            "instructions": _("What the student should do, e.g. “Fill in the gaps.”"),
        }

    field_order = [
        "kind",
        "title",
        "instructions",
        "language",
        "level",
        "category",
        "tag_names",
        "tolerance",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.order_by("code")
        self.fields["language"].empty_label = None
        self.fields["level"].choices = [("", "—"), *Level.choices]
        self.fields["category"].choices = category_choices()
        self.fields["kind"].choices = list(Kind.choices)
        if self.instance.pk:
            # The items are written for the kind; it stays as it was chosen.
            self.fields["kind"].disabled = True
            self.initial["category"] = str(self.instance.category_id or "")
            self.initial["tag_names"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        if not value:
            return None
        return Category.objects.filter(pk=value).first()

    def clean_tag_names(self) -> list[str]:
        names = split_tags(self.cleaned_data.get("tag_names") or "")
        max_length = Tag._meta.get_field("name").max_length
        if any(len(name) > max_length for name in names):
            raise forms.ValidationError(
                _("A tag can be at most %(count)s characters long.") % {"count": max_length}
            )
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(_("Use at most %(count)s tags.") % {"count": MAX_TAGS})
        return names


# Items


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


GAP_HELP = {
    Kind.GAP_FILL: _(
        "Put each gap in braces: “I {have|'ve} been to Paris.” Separate answers that are all "
        "right with |. Write \\{ for a brace that is not a gap."
    ),
    Kind.GAP_SELECT: _(
        "Put each drop-down in braces with its options separated by |, and a * before the "
        "right one: “She {*goes|go|going} to school.”"
    ),
    Kind.GAP_DRAG: _(
        "Put the word that goes into each gap in braces: “I {have} been to {Paris}.” "
        "The words in braces form the word bank, with the distractors below."
    ),
}


class ItemForm(forms.Form):
    """What every item has: its id (saved items), explanation, image and audio."""

    kind: str = ""
    content_fields: tuple[str, ...] = ()

    item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_("Optional; shown to the student after checking."),
    )
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
        help_text=_("PNG, JPEG, WebP or GIF, up to 5 MB."),
    )
    audio = forms.FileField(
        label=_("Recording"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
        help_text=_("MP3, OGG, WAV, M4A or WebM, up to 10 MB."),
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        """The fields' initial values for an item's stored data."""
        return {}

    def has_changed(self) -> bool:
        """A new row counts as filled in by its content, not by its position."""
        return any(name not in ("ORDER", "DELETE") for name in self.changed_data)

    @property
    def content(self) -> list:
        """The kind's own fields, in order (the template shows them first)."""
        return [self[name] for name in self.fields if name in self.content_fields]

    def parse(self) -> dict:
        """Item.data from the cleaned fields; raises ValidationError for lines it cannot read."""
        raise NotImplementedError

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            check_image(upload)
        return upload

    def clean_audio(self):
        upload = self.cleaned_data.get("audio")
        if isinstance(upload, UploadedFile):
            check_audio(upload)
        return upload

    def clean(self) -> dict:
        cleaned = super().clean()
        if any(name in self.errors for name in self.content_fields):
            return cleaned
        try:
            data = self.parse()
        except forms.ValidationError as error:
            self.add_error(None, error)
            return cleaned
        for message in kinds.validate_item_data(self.kind, data):
            self.add_error(None, message)
        cleaned["data"] = data
        return cleaned

    def item_data(self) -> dict:
        """The contract's Item.data; call after is_valid()."""
        return self.cleaned_data["data"]


def _text_field(label, rows=2, help_text="", required=True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class GapFillItemForm(ItemForm):
    kind = Kind.GAP_FILL
    content_fields = ("text",)
    text = _text_field(_("Text with gaps"), rows=3, help_text=GAP_HELP[Kind.GAP_FILL])

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"text": data.get("text", "")}

    def parse(self) -> dict:
        return {"text": self.cleaned_data["text"].strip()}


class GapSelectItemForm(GapFillItemForm):
    kind = Kind.GAP_SELECT
    text = _text_field(_("Text with drop-downs"), rows=3, help_text=GAP_HELP[Kind.GAP_SELECT])


class GapDragItemForm(GapFillItemForm):
    kind = Kind.GAP_DRAG
    content_fields = ("text", "distractors")
    text = _text_field(_("Text with gaps"), rows=3, help_text=GAP_HELP[Kind.GAP_DRAG])
    distractors = forms.CharField(
        label=_("Distractors"),
        required=False,
        max_length=1000,
        help_text=_("Extra wrong words for the word bank, separated by commas: “has, London”."),
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"text": data.get("text", ""), "distractors": ", ".join(data.get("distractors", []))}

    def parse(self) -> dict:
        distractors = [w.strip() for w in self.cleaned_data["distractors"].split(",") if w.strip()]
        return {"text": self.cleaned_data["text"].strip(), "distractors": distractors}


class ChoiceItemForm(ItemForm):
    kind = Kind.SINGLE_CHOICE
    content_fields = ("question", "options")
    question = _text_field(_("Question"), rows=1)
    options = _text_field(
        _("Options"),
        rows=4,
        help_text=_("One option per line; put * before the right one: “*went”."),
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        correct = set(data.get("correct", []))
        lines = []
        for index, choice in enumerate(data.get("choices", [])):
            text = "\\" + choice if choice.startswith(("*", "\\")) else choice
            lines.append(("*" if index in correct else "") + text)
        return {"question": data.get("question", ""), "options": "\n".join(lines)}

    def parse(self) -> dict:
        choices, correct = [], []
        for line in _lines(self.cleaned_data["options"]):
            if line.startswith("*"):
                correct.append(len(choices))
                line = line[1:].strip()
            elif line.startswith("\\"):
                line = line[1:]
            choices.append(line)
        return {
            "question": self.cleaned_data["question"].strip(),
            "choices": choices,
            "correct": correct,
        }


class MultipleChoiceItemForm(ChoiceItemForm):
    kind = Kind.MULTIPLE_CHOICE
    options = _text_field(
        _("Options"),
        rows=4,
        help_text=_("One option per line; put * before every right one: “*went”."),
    )


class TrueFalseItemForm(ItemForm):
    kind = Kind.TRUE_FALSE
    content_fields = ("statement", "correct")
    statement = _text_field(_("Statement"), rows=1)
    correct = forms.TypedChoiceField(
        label=_("The statement is"),
        choices=[("true", _("true")), ("false", _("false"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        initial="true",
        error_messages={"required": _("Say whether the statement is true or false.")},
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {
            "statement": data.get("statement", ""),
            "correct": "true" if data.get("correct", True) else "false",
        }

    def parse(self) -> dict:
        return {
            "statement": self.cleaned_data["statement"].strip(),
            "correct": self.cleaned_data["correct"],
        }


class MatchingItemForm(ItemForm):
    kind = Kind.MATCHING
    content_fields = ("pairs",)
    pairs = _text_field(
        _("Pairs"),
        rows=4,
        help_text=_("One pair per line, the two sides separated by “=”: “cat = кошка”."),
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"pairs": "\n".join(f"{left} = {right}" for left, right in data.get("pairs", []))}

    def parse(self) -> dict:
        pairs, errors = [], []
        for number, line in enumerate(_lines(self.cleaned_data["pairs"]), start=1):
            left, sep, right = line.partition("=")
            if not sep:
                errors.append(
                    forms.ValidationError(
                        _("Line %(number)s has no “=” between the two sides.") % {"number": number}
                    )
                )
                continue
            pairs.append([left.strip(), right.strip()])
        if errors:
            raise forms.ValidationError(errors)
        return {"pairs": pairs}


class WordOrderItemForm(ItemForm):
    kind = Kind.WORD_ORDER
    content_fields = ("answers",)
    answers = _text_field(
        _("Sentences"),
        rows=3,
        help_text=_(
            "One right sentence per line. The first one gives the word tiles; other lines are "
            "other right orders of the same words."
        ),
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"answers": "\n".join(data.get("answers", []))}

    def parse(self) -> dict:
        return {
            "answers": [" ".join(line.split()) for line in _lines(self.cleaned_data["answers"])]
        }


class CategoriseItemForm(ItemForm):
    """Group rows: a name and its items, one per line. Empty rows are left out."""

    kind = Kind.CATEGORISE
    content_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count = 4
        groups = (self.initial or {}).get("groups") or []
        count = max(count, len(groups) + 1)
        if self.is_bound:
            while count < MAX_GROUPS and self.add_prefix(f"group_name_{count}") in self.data:
                count += 1
        self.group_count = min(count, MAX_GROUPS)
        for index in range(self.group_count):
            group = groups[index] if index < len(groups) else {}
            self.fields[f"group_name_{index}"] = forms.CharField(
                label=_("Group %(number)s") % {"number": index + 1},
                required=False,
                max_length=200,
                initial=group.get("name", ""),
            )
            self.fields[f"group_items_{index}"] = forms.CharField(
                label=_("Its items, one per line"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="\n".join(group.get("items", [])),
            )

    @property
    def group_rows(self) -> list[tuple]:
        return [
            (self[f"group_name_{i}"], self[f"group_items_{i}"]) for i in range(self.group_count)
        ]

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"groups": data.get("groups", [])}

    def parse(self) -> dict:
        groups = []
        for index in range(self.group_count):
            name = (self.cleaned_data.get(f"group_name_{index}") or "").strip()
            items = _lines(self.cleaned_data.get(f"group_items_{index}") or "")
            if name or items:
                groups.append({"name": name, "items": items})
        return {"groups": groups}


class FreeAnswerItemForm(ItemForm):
    kind = Kind.FREE_ANSWER
    content_fields = ("prompt", "mode")
    prompt = _text_field(_("Task"), rows=2)
    mode = forms.ChoiceField(
        label=_("The student answers with"),
        choices=[
            ("text", _("a short text")),
            ("essay", _("a longer text (essay)")),
            ("audio", _("a voice recording")),
        ],
        initial="text",
    )

    @classmethod
    def initial_for(cls, data: dict) -> dict:
        return {"prompt": data.get("prompt", ""), "mode": data.get("mode", "text")}

    def parse(self) -> dict:
        return {"prompt": self.cleaned_data["prompt"].strip(), "mode": self.cleaned_data["mode"]}


ITEM_FORMS: dict[str, type[ItemForm]] = {
    Kind.SINGLE_CHOICE: ChoiceItemForm,
    Kind.MULTIPLE_CHOICE: MultipleChoiceItemForm,
    Kind.TRUE_FALSE: TrueFalseItemForm,
    Kind.GAP_FILL: GapFillItemForm,
    Kind.GAP_SELECT: GapSelectItemForm,
    Kind.GAP_DRAG: GapDragItemForm,
    Kind.MATCHING: MatchingItemForm,
    Kind.WORD_ORDER: WordOrderItemForm,
    Kind.CATEGORISE: CategoriseItemForm,
    Kind.FREE_ANSWER: FreeAnswerItemForm,
}

ITEM_PREFIX = "items"


class BaseItemFormSet(forms.BaseFormSet):
    def get_ordering_widget(self):
        return forms.NumberInput(
            attrs={"min": "1", "class": "build-position", "style": "width: 5.5rem; margin: 0;"}
        )


def item_formset_class(kind: str):
    return forms.formset_factory(
        ITEM_FORMS[kind],
        formset=BaseItemFormSet,
        extra=0,
        can_order=True,
        can_delete=True,
        max_num=MAX_ITEMS,
        absolute_max=MAX_ITEMS,
        validate_max=True,
    )


# Import


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("JSON file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        help_text=_("A file exported from Verbal Voyager, up to 1 MB."),
        error_messages={"required": _("Choose a .json file to import.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(
                _("This file is not JSON. Choose a file exported from Verbal Voyager.")
            ) from None
