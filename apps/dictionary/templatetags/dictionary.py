from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from apps.dictionary import display
from apps.dictionary.models import Entry

register = template.Library()


@register.simple_tag
def headword(entry: Entry, *, show_gender: bool = False) -> SafeString:
    """The headword, for French nouns with its article in the gender's colour.

    "l'" hides the gender, so it is then always followed by "(m.)" or "(f.)".
    """
    word = display.headword(entry)
    if not word.article:
        return format_html('<span class="headword">{}</span>', word.text)
    separator = "" if word.elided else " "
    html = format_html(
        '<span class="headword {}"><span class="article">{}</span>{}{}</span>',
        word.css_class,
        word.article,
        separator,
        word.text,
    )
    if word.elided or show_gender:
        html = format_html(
            '{} <abbr class="gender-label {}" title="{}">({})</abbr>',
            html,
            word.css_class,
            word.gender_name,
            word.gender_label,
        )
    return html
