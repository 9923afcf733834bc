"""Small filters for the exercise player's templates."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def at(values, index):
    """values[index], or None when there is no such element (answers may be short)."""
    try:
        return values[int(index)]
    except (TypeError, ValueError, IndexError, KeyError):
        return None


@register.filter
def unique(values):
    """The values without repeats, in their order."""
    return list(dict.fromkeys(values or []))


@register.filter
def field_prefix(view) -> str:
    """The prefix of an item's form fields: `i<item id>` (see answer_form.py)."""
    return f"i{view.get('id') or 'preview'}"
