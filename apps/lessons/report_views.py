"""The teacher's earnings report: a chart per currency drawn on the server, and tables.

The chart is an inline SVG. Its geometry is computed here as plain numbers (dataclasses of
bars, ticks and labels) and drawn by a template loop, so no markup is built in Python and the
page needs no JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.accounts.access import teacher_required
from apps.common.http import AuthedRequest

from .earnings import (
    ZERO,
    MonthEarnings,
    earnings_by_month,
    earnings_by_student,
    months_between,
    next_month,
)

DEFAULT_MONTHS = 12
MAX_MONTHS = 60
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


# The period


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def default_period(today: date) -> tuple[date, date]:
    """The last 12 months, this one included: (first day, last day)."""
    this_month = today.replace(day=1)
    return _months_before(this_month, DEFAULT_MONTHS - 1), today.replace(day=1)


def _month(value: str) -> date | None:
    match = MONTH_RE.match(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def parse_period(params: Mapping[str, str], today: date) -> tuple[date, date, bool]:
    """The period from the GET parameters `from` and `to` ("2027-01"): (first day of the first
    month, last day of the last month, whether the input was invalid).

    Nothing given: the default period. Something wrong (not a month, from after to, more than
    MAX_MONTHS months): the default period, and True.
    """
    raw_from, raw_to = params.get("from", "").strip(), params.get("to", "").strip()
    default_from, default_to = default_period(today)
    if not raw_from and not raw_to:
        first, last, invalid = default_from, default_to, False
    else:
        first = _month(raw_from) if raw_from else default_from
        last = _month(raw_to) if raw_to else default_to
        invalid = (
            first is None
            or last is None
            or first > last
            or len(months_between(first, last)) > MAX_MONTHS
        )
        if invalid:
            first, last = default_from, default_to
    end = date.fromordinal(next_month(last).toordinal() - 1)
    return first, end, invalid


# The chart

WIDTH, HEIGHT = 480, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 12, 236  # the plot area; month labels below BOTTOM
TICKS = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str  # "charged" or "paid"
    value: Decimal
    month: date


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal


@dataclass(frozen=True)
class MonthLabel:
    x: float  # the middle of the month's group
    month: date
    with_year: bool


@dataclass
class Chart:
    currency: str
    rows: list[MonthEarnings]
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    labels: list[MonthLabel] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def first(self) -> date:
        return self.rows[0].month

    @property
    def last(self) -> date:
        return self.rows[-1].month

    @property
    def total_value(self) -> Decimal:
        return sum((row.value for row in self.rows), ZERO)

    @property
    def total_paid(self) -> Decimal:
        return sum((row.paid for row in self.rows), ZERO)

    @property
    def total_charged(self) -> int:
        return sum(row.charged for row in self.rows)


def nice_step(highest: Decimal) -> Decimal:
    """A round tick step (1, 2 or 5 times a power of ten) so that TICKS steps reach `highest`."""
    if highest <= 0:
        return Decimal(1)
    raw = highest / TICKS
    magnitude = Decimal(10) ** raw.adjusted()
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover


def build_chart(currency: str, rows: list[MonthEarnings]) -> Chart:
    """The geometry of one currency's chart: two bars a month, charged then paid."""
    chart = Chart(currency=currency, rows=rows)
    step = nice_step(max([row.value for row in rows] + [row.paid for row in rows]))
    top_value = step * TICKS
    plot_height = BOTTOM - TOP
    group = (WIDTH - RIGHT - LEFT) / len(rows)
    bar = group * 0.36
    every = -(-len(rows) // 12)  # at most about 12 month labels

    def height(value: Decimal) -> float:
        return round(float(value / top_value) * plot_height, 2)

    for i, row in enumerate(rows):
        x = LEFT + i * group
        for offset, kind, value in (
            (group * 0.12, "charged", row.value),
            (group * 0.12 + bar + group * 0.04, "paid", row.paid),
        ):
            h = height(value)
            chart.bars.append(
                Bar(
                    round(x + offset, 2),
                    round(BOTTOM - h, 2),
                    round(bar, 2),
                    h,
                    kind,
                    value,
                    row.month,
                )
            )
        if i % every == 0:
            chart.labels.append(
                MonthLabel(round(x + group / 2, 2), row.month, i == 0 or row.month.month == 1)
            )
    chart.ticks = [Tick(round(BOTTOM - height(step * i), 2), step * i) for i in range(TICKS + 1)]
    return chart


def build_charts(rows: list[MonthEarnings]) -> list[Chart]:
    """One chart per currency; `rows` come sorted by currency then month."""
    by_currency: dict[str, list[MonthEarnings]] = {}
    for row in rows:
        by_currency.setdefault(row.currency, []).append(row)
    return [build_chart(currency, months) for currency, months in by_currency.items()]


# The view


@teacher_required
@require_GET
def earnings(request: AuthedRequest) -> HttpResponse:
    zone = request.user.zone
    today = timezone.localdate(timezone=zone)
    start, end, invalid = parse_period(request.GET, today)
    if invalid:
        messages.warning(
            request,
            _("That period could not be read; showing the last 12 months instead."),
        )
    months = earnings_by_month(teacher=request.user, start=start, end=end, zone=zone)
    students = earnings_by_student(teacher=request.user, start=start, end=end, zone=zone)
    return render(
        request,
        "lessons/earnings.html",
        {
            "start": start,
            "end": end,
            "charts": build_charts(months),
            "students": students,
        },
    )
