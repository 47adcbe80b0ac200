"""Bar charts drawn at build time as inline SVG: no script, nothing fetched.

Each chart is an image (role="img") named by its <title> and described in full by its
<desc>, which lists every figure, and the page gives the same figures in a table. Labels
sit on their own lines above the bars, wrapped to the chart's width, so the chart stays
legible when a phone shrinks it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .model import Department, Plan

WIDTH = 360
FONT = 13  # label size in SVG units
LINE = 17  # label line height
BAR = 16
GAP = 10  # between one bar and the next label
# Dark enough for white numbers on them and for 3:1 against the white page.
COLOURS = ("#1f5fa8", "#b35900")


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series
    href: str = ""  # where the bar's label and segments link, if anywhere


def _em(char: str) -> float:
    """Rough advance width of a character in ems, enough to wrap labels."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    return 0.68 if char.isupper() else 0.55


def wrap(text: str, width: float = WIDTH, size: int = FONT) -> list[str]:
    """Lines that fit ``width``: break between words, or anywhere in Chinese."""
    lines, line, room = [], "", width / size
    for token in _tokens(text):
        if line and sum(map(_em, line + token)) > room:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line else lines


def _tokens(text: str) -> list[str]:
    """Each wide (Chinese) character alone, other words whole, each with its leading space."""
    return re.findall(r" ?[\u2e80-\uffff]| ?[^ \u2e80-\uffff]+", text)


def bar_chart(
    name: str, title: str, desc: str, series: tuple[str, ...], bars: list[Bar], lang: str
) -> str:
    """An SVG bar chart; ``name`` makes its element ids unique on the page."""
    e = html.escape
    largest = max(sum(bar.values) for bar in bars) or 1
    unit = (WIDTH - 2) / largest
    body: list[str] = []
    y = 0.0
    if len(series) > 1:  # a legend; one series is named by the title
        x = 0.0
        for colour, label in zip(COLOURS, series, strict=False):
            body.append(
                f'<rect class="plan-chart-key" x="{x:.0f}" y="{y + 3:.0f}" width="12" height="12" '
                f'fill="{colour}"/>'
            )
            body.append(f'<text x="{x + 17:.0f}" y="{y + 13:.0f}">{e(label)}</text>')
            x += 17 + sum(map(_em, label)) * FONT + 18
        y += LINE + GAP
    for bar in bars:
        top, target = y, len(body) + 1
        if bar.href:
            body.append(f'<a href="{e(bar.href)}">')
            body.append("")  # the link's whole area, once its height is known
        for line in wrap(bar.label):
            y += LINE
            body.append(f'<text x="0" y="{y - 4:.0f}">{e(line)}</text>')
        x = 0.0
        for colour, value in zip(COLOURS, bar.values, strict=False):
            if value:
                w = value * unit
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.0f}" width="{w - 1:.1f}" height="{BAR}" '
                    f'fill="{colour}"/>'
                )
                body.append(
                    f'<text class="plan-chart-value" x="{x + w / 2:.1f}" y="{y + 12:.0f}" '
                    f'text-anchor="middle">{value}</text>'
                )
                x += w
        if bar.href:
            # Clicks and hit tests anywhere on the label, the bar or between them land on
            # the link, not on the gaps of its text and bars.
            body[target] = (
                f'<rect class="plan-chart-target" x="0" y="{top:.0f}" width="{WIDTH}" '
                f'height="{y + BAR - top:.0f}" fill="transparent"/>'
            )
            body.append("</a>")
        y += BAR + GAP
    height = round(y)
    # An image's content is hidden from assistive technology: a chart whose bars link
    # keeps the svg's own role (a graphics document, which HTML allows no other role
    # to be), its links reachable, still named and described.
    role = "" if any(bar.href for bar in bars) else ' role="img"'
    return (
        f'<svg class="plan-chart"{role} viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" lang="{lang}" '
        f'aria-labelledby="{name}-title {name}-desc" font-size="{FONT}">'
        f'<title id="{name}-title">{e(title)}</title>'
        f'<desc id="{name}-desc">{e(desc)}</desc>' + "".join(body) + "</svg>"
    )


def by_load(plan: Plan) -> list[Department]:
    """Departments by the sum of the tasks they lead and take part in, the most first
    (then those that lead more; ties keep the plan's order): the department index says
    so (labels: department_index_intro)."""

    def load(d: Department) -> tuple[int, int]:
        led, joined = len(plan.tasks_led_by(d)), len(plan.tasks_joined_by(d))
        return (-led - joined, -led)

    return sorted(plan.departments, key=load)


def department_load(
    plan: Plan, lang: str, t: dict[str, str], href: Callable[[Department], str]
) -> str:
    """Tasks each department leads and takes part in, the busiest first; each bar links
    to the department's page at ``href(department)``."""
    loads = [(d, len(plan.tasks_led_by(d)), len(plan.tasks_joined_by(d))) for d in by_load(plan)]
    bars = [Bar(d.name[lang], (led, joined), href(d)) for d, led, joined in loads]
    desc = t["chart_item_separator"].join(
        t["chart_department_item"].format(department=d.name[lang], led=led, joined=joined)
        for d, led, joined in loads
    )
    series = (t["col_led"], t["col_joined"])
    return bar_chart("department-load", t["caption_departments"], desc, series, bars, lang)


def tasks_per_category(plan: Plan, lang: str, t: dict[str, str]) -> str:
    bars, items = [], []
    for c in plan.categories:
        count = len(plan.tasks_in(c))
        bars.append(Bar(c.title[lang], (count,)))
        items.append(t["chart_category_item"].format(category=c.title[lang], count=count))
    desc = t["chart_item_separator"].join(items)
    return bar_chart("tasks-per-category", t["caption_categories"], desc, (), bars, lang)


def tasks_per_status(plan: Plan, lang: str, t: dict[str, str]) -> str:
    """Tasks at each status, from the departments' latest reports, then those without a
    report."""
    bars, items = [], []
    for status, count in plan.status_counts():
        label = status.name[lang] if status else t["no_report_short"]
        bars.append(Bar(label, (count,)))
        items.append(f"{label}{t['colon']}{count}")
    desc = t["chart_item_separator"].join(items)
    return bar_chart("tasks-per-status", t["caption_status"], desc, (), bars, lang)
