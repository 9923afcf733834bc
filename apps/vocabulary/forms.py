from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.projects.models import Language, Project
from apps.scheduling.models import Lesson

from . import selectors
from .exercises import ExerciseKind
from .models import MAX_RETENTION, MIN_RETENTION, StudentSettings, Word, WordList


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.name or obj.email


class ListChoiceField(forms.ModelChoiceField):
    """A list; for a teacher the label names the student too."""

    def __init__(self, *args, with_student: bool = False, **kwargs):
        self.with_student = with_student
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: WordList) -> str:
        if self.with_student:
            return f"{obj.student.name} — {obj.name}"
        return obj.name


LESSON_DAYS = 30


class LessonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Lesson) -> str:
        when = formats.date_format(timezone.localtime(obj.start), "j E")
        return f"{obj.project.title} — {when}"


def recent_lessons(student: User, teacher: User | None = None):
    """The student's lessons of the last month (and today's), newest first."""
    now = timezone.now()
    lessons = Lesson.objects.filter(
        project__students=student,
        start__gte=now - timedelta(days=LESSON_DAYS),
        start__lte=now + timedelta(days=1),
    ).not_cancelled()
    if teacher is not None:
        lessons = lessons.filter(project__teacher=teacher)
    return lessons.select_related("project").order_by("-start")


class ExerciseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Exercise) -> str:
        return obj.title


def recent_exercises(student: User, teacher: User | None = None):
    """Exercises the student did, or was given as homework, in the last month.

    For a teacher, only those they may see (their own and the library's)."""
    since = timezone.now() - timedelta(days=LESSON_DAYS)
    done = Q(attempts__student=student, attempts__finished_at__gte=since)
    given = Q(
        homework_items__homework__student=student,
        homework_items__homework__assigned_at__gte=since,
    )
    ids = Exercise.objects.filter(done | given).values("pk")
    exercises = Exercise.objects.filter(pk__in=ids)
    if teacher is not None:
        exercises = exercises.visible_to_teacher(teacher)
    return exercises.order_by("title", "pk")


class _ForWhomMixin:
    """The student the words are for: the user, or for a teacher one of their students."""

    def _setup_for_whom(self, *, user: User, student: User | None) -> None:
        self.user = user
        self.fixed_student = student
        if user.is_student:
            self.fixed_student = user
        if self.fixed_student is not None:
            del self.fields["student"]
            lists = selectors.student_lists(self.fixed_student)
            self.fields["word_list"].queryset = lists
        else:
            students = selectors.teacher_students(user)
            self.fields["student"].queryset = students
            self.fields["word_list"].queryset = selectors.lists_of_students(
                students.values_list("pk", flat=True)
            )
            self.fields["word_list"].with_student = True

    def _clean_for_whom(self, cleaned: dict) -> dict:
        student = self.fixed_student or cleaned.get("student")
        word_list = cleaned.get("word_list")
        if student is not None and word_list is not None and word_list.student_id != student.pk:
            self.add_error("word_list", _("This list belongs to another student."))
        cleaned["for_student"] = student
        return cleaned


class _WordFieldsMixin:
    """The word and its translation, as WordForm and WordEditForm take them."""

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError(_("Enter the word."))
        return text

    def clean_translation(self) -> str:
        translation = self.cleaned_data["translation"].strip()
        if not translation:
            raise forms.ValidationError(_("Enter the translation."))
        return translation

    def validate_unique(self):
        # The student is not a form field: the service checks duplicates and says which word
        # clashes.
        pass


class WordForm(_ForWhomMixin, _WordFieldsMixin, forms.ModelForm):
    student = StudentChoiceField(queryset=User.objects.none(), label=_("Student"))
    word_list = ListChoiceField(
        queryset=WordList.objects.none(), required=False, label=_("List"), empty_label=_("No list")
    )
    lesson = LessonChoiceField(
        queryset=Lesson.objects.none(),
        required=False,
        label=_("From a lesson"),
        empty_label=_("Not from a lesson"),
    )
    exercise = ExerciseChoiceField(
        queryset=Exercise.objects.none(),
        required=False,
        label=_("From an exercise"),
        empty_label=_("Not from an exercise"),
    )

    class Meta:
        model = Word
        fields = ["text", "translation", "language", "context", "word_list"]
        widgets = {"context": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Word or phrase")}

    def __init__(self, *args, user: User, student: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_for_whom(user=user, student=student)
        if self.fixed_student is not None:
            teacher = user if user.is_teacher else None
            self.fields["lesson"].queryset = recent_lessons(self.fixed_student, teacher)
            self.fields["exercise"].queryset = recent_exercises(self.fixed_student, teacher)
        else:
            del self.fields["lesson"]
            del self.fields["exercise"]
        self.fields["language"].queryset = Language.objects.order_by("name")
        self.fields["language"].empty_label = None
        if not self.is_bound:
            self.initial.setdefault("language", self._default_language())
        self.fields["text"].widget.attrs["placeholder"] = _("e.g. le livre")

    def _default_language(self) -> int | None:
        student = self.fixed_student
        projects = Project.objects.for_student(student) if student else Project.objects.none()
        if student is None and self.user.is_teacher:
            projects = Project.objects.for_teacher(self.user)
        project = projects.order_by("status", "-start_date").first()
        if project is not None:
            return project.language_id
        return Language.objects.filter(code="en").values_list("pk", flat=True).first()

    def clean(self):
        return self._clean_for_whom(super().clean())


class EntryAddForm(_ForWhomMixin, forms.Form):
    student = StudentChoiceField(queryset=User.objects.none(), label=_("Student"))
    word_list = ListChoiceField(
        queryset=WordList.objects.none(), required=False, label=_("List"), empty_label=_("No list")
    )

    def __init__(self, *args, user: User, student: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_for_whom(user=user, student=student)

    def clean(self):
        return self._clean_for_whom(super().clean())


class MoveForm(forms.Form):
    word_list = ListChoiceField(
        queryset=WordList.objects.none(), required=False, label=_("List"), empty_label=_("No list")
    )

    def __init__(self, *args, student: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["word_list"].queryset = WordList.objects.filter(student=student)


class WordListForm(forms.Form):
    name = forms.CharField(label=_("New list"), max_length=100)
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label=_("Project"),
        empty_label=_("No project (a topic)"),
    )

    def __init__(self, *args, student: User, teacher: User | None = None, **kwargs):
        """`teacher`: a teacher makes the list for their student, for one of their projects."""
        super().__init__(*args, **kwargs)
        self.student = student
        self.teacher = teacher
        projects = Project.objects.for_student(student)
        if teacher is not None:
            projects = projects.filter(teacher=teacher)
        self.fields["project"].queryset = projects.order_by("title")
        self.fields["name"].widget.attrs["placeholder"] = _("e.g. Food, or Unit 3")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a name for the list."))
        if WordList.objects.filter(student=self.student, name__iexact=name).exists():
            if self.teacher is not None:
                raise forms.ValidationError(
                    _("%(student)s already has a list with this name.")
                    % {"student": self.student.name}
                )
            raise forms.ValidationError(_("You already have a list with this name."))
        return name


class SettingsForm(forms.ModelForm):
    class Meta:
        model = StudentSettings
        fields = ["desired_retention"]
        widgets = {
            "desired_retention": forms.NumberInput(
                attrs={"step": "0.01", "min": MIN_RETENTION, "max": MAX_RETENTION}
            )
        }

    def clean_desired_retention(self) -> float:
        value = self.cleaned_data["desired_retention"]
        if not MIN_RETENTION <= value <= MAX_RETENTION:
            raise forms.ValidationError(
                _("Choose a value between %(low)s and %(high)s.")
                % {"low": MIN_RETENTION, "high": MAX_RETENTION}
            )
        return value


class WordEditForm(_WordFieldsMixin, forms.ModelForm):
    class Meta:
        model = Word
        fields = ["text", "translation", "context"]
        widgets = {"context": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": _("Word or phrase")}


class MakeExerciseForm(forms.Form):
    """The teacher turns one of the student's lists (or all their words) into an exercise."""

    word_list = ListChoiceField(
        queryset=WordList.objects.none(),
        required=False,
        label=_("Words"),
        empty_label=_("All the student's words"),
    )
    kind = forms.ChoiceField(
        choices=ExerciseKind.choices,
        label=_("Exercise"),
        error_messages={"required": _("Choose the kind of exercise.")},
    )

    def __init__(self, *args, student: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["word_list"].queryset = WordList.objects.filter(student=student).order_by(
            "name", "pk"
        )
        self.fields["word_list"].error_messages["invalid_choice"] = _(
            "Choose one of the student's lists."
        )
