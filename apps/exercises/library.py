"""The teacher's exercise list: its filters and its table."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.projects.models import Language, Level

from .models import Category, Exercise, Kind, LibraryState, Tag

SCOPE_MINE = "mine"
SCOPE_LIBRARY = "library"


class CategoryTree:
    """Every category, read once: paths for labels, descendants for filtering."""

    def __init__(self) -> None:
        self.nodes = {c.pk: c for c in Category.objects.all()}
        self.children: dict[int | None, list[int]] = {}
        for node in self.nodes.values():
            self.children.setdefault(node.parent_id, []).append(node.pk)

    def path(self, pk: int | None) -> str:
        names: list[str] = []
        while pk is not None and pk in self.nodes and len(names) < 20:
            names.append(self.nodes[pk].name)
            pk = self.nodes[pk].parent_id
        return " › ".join(reversed(names))

    def with_descendants(self, pk: int) -> set[int]:
        found, todo = set(), [pk]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo.extend(self.children.get(current, []))
        return found

    def choices(self) -> list[tuple[str, str]]:
        """Depth first, in the tree's order, each labelled with its whole path."""
        result: list[tuple[str, str]] = []

        def walk(parent: int | None, depth: int) -> None:
            for pk in self.children.get(parent, []):
                result.append((str(pk), self.path(pk)))
                if depth < 20:
                    walk(pk, depth + 1)

        walk(None, 0)
        return result


class ExerciseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words of the title")}),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Show"),
        method="filter_scope",
        choices=[(SCOPE_MINE, _("Mine")), (SCOPE_LIBRARY, _("Library"))],
        empty_label=_("Mine and the library"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=Language.objects.all(), empty_label=_("Any language")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Level.choices, empty_label=_("Any level")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Kind.choices, empty_label=_("Any type")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), method="filter_category", empty_label=_("Any category")
    )
    tags = django_filters.ModelMultipleChoiceFilter(
        label=_("Tags"),
        queryset=Tag.objects.all(),
        method="filter_tags",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Exercise
        fields = ["q", "scope", "language", "level", "kind", "category", "tags"]

    def __init__(self, *args, tree: CategoryTree, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.filters["category"].extra["choices"] = tree.choices()

    def search(self, queryset: QuerySet[Exercise], name: str, value: str) -> QuerySet[Exercise]:
        for word in value.split()[:10]:
            queryset = queryset.filter(title__icontains=word)
        return queryset

    def filter_scope(self, queryset: QuerySet[Exercise], name: str, value: str):
        if value == SCOPE_MINE:
            return queryset.filter(author=self.request.user)
        if value == SCOPE_LIBRARY:
            return queryset.filter(library_state=LibraryState.APPROVED)
        return queryset

    def filter_category(self, queryset: QuerySet[Exercise], name: str, value: str):
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return queryset
        return queryset.filter(category_id__in=self.tree.with_descendants(pk))

    def filter_tags(self, queryset: QuerySet[Exercise], name: str, value) -> QuerySet[Exercise]:
        if not value:
            return queryset
        # A subquery, so an exercise with two of the tags shows once.
        tagged = Exercise.tags.through.objects.filter(tag__in=value).values("exercise_id")
        return queryset.filter(pk__in=tagged)


def exercise_url(record: Exercise) -> str:
    return reverse("exercises:detail", args=[record.pk])


class ExerciseTable(tables.Table):
    title = tables.Column(verbose_name=_("Exercise"), linkify=exercise_url)
    kind = tables.Column(verbose_name=_("Type"))
    language = tables.Column(verbose_name=_("Language"), order_by=("language__name",))
    level = tables.Column(verbose_name=_("Level"))
    category = tables.Column(verbose_name=_("Category"), order_by=("category__name",))
    tags = tables.ManyToManyColumn(
        verbose_name=_("Tags"), transform=lambda tag: tag.name, orderable=False
    )
    library_state = tables.Column(verbose_name=_("Source"), orderable=False, empty_values=())

    class Meta:
        model = Exercise
        fields = ["title", "kind", "language", "level", "category", "tags", "library_state"]
        template_name = "projects/_table.html"
        orderable = True
        empty_text = _("No exercises match the search.")
        attrs = {"class": "striped exercise-table"}

    def __init__(self, *args, tree: CategoryTree, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.user = user

    def render_category(self, record: Exercise) -> str:
        return self.tree.path(record.category_id)

    def render_level(self, record: Exercise, value: str):
        return format_html('<abbr title="{}">{}</abbr>', record.get_level_display(), record.level)

    def render_library_state(self, record: Exercise):
        if record.author_id == self.user.pk:
            if record.library_state == LibraryState.PRIVATE:
                return format_html('<span class="badge">{}</span>', _("Mine"))
            return format_html(
                '<span class="badge">{}</span> <small>{}</small>',
                _("Mine"),
                record.get_library_state_display(),
            )
        return format_html('<span class="badge badge-ok">{}</span>', _("Library"))
