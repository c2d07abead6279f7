"""Charts drawn on the server as SVG: nothing is loaded from anywhere, no script runs,
and each chart carries a title and a description for screen readers (the numbers are
also in the tables beside it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from reports.templatetags.reports_tags import figure as figure_text

# Colour-blind-safe palette (Okabe and Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    color: str


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return mark_safe(  # noqa: S308 - every text inside is escaped where it is built
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x, y, text, anchor="start", size=12, weight="normal", fill="#212529") -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" font-weight="{}" fill="{}">{}</text>',
        round(x, 1),
        round(y, 1),
        anchor,
        size,
        weight,
        fill,
        text,
    )


def legend(segments: list[Segment], x: int, y: int, width: int = 640) -> list[str]:
    """Swatches and labels in rows that wrap before the right edge."""
    parts, left, row = [], x, 0
    for segment in segments:
        label = str(segment.label)
        span = 26 + 7 * len(label)
        if left + span > width and left > x:
            left, row = x, row + 1
        top = y + row * 16
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>',
                left,
                top - 10,
                segment.color,
            )
        )
        parts.append(_text(left + 16, top, label, size=11))
        left += span
    return parts


def stacked_columns(
    title: str,
    columns: list[tuple[str, dict]],
    segments: list[Segment],
    width: int = 640,
    height: int = 300,
) -> str:
    """One column per label (a year), stacked by segment (a form of care)."""
    top, bottom, left, right = 30, 76, 40, 10
    plot_height = height - top - bottom
    totals = [sum(values.get(s.key, 0) or 0 for s in segments) for _label, values in columns]
    peak = max([*totals, 1])
    slot = (width - left - right) / max(len(columns), 1)
    bar = slot * 0.6
    body = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#adb5bd"/>',
            left,
            height - bottom,
            width - right,
            height - bottom,
        )
    ]
    for index, ((label, values), column_total) in enumerate(zip(columns, totals, strict=True)):
        x = left + index * slot + (slot - bar) / 2
        y = height - bottom
        for segment in segments:
            value = values.get(segment.key, 0) or 0
            if not value:
                continue
            h = plot_height * value / peak
            y -= h
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}: {}</title></rect>",
                    round(x, 1),
                    round(y, 1),
                    round(bar, 1),
                    round(h, 1),
                    segment.color,
                    segment.label,
                    value,
                )
            )
        body.append(
            _text(x + bar / 2, y - 6, figure_text(column_total), anchor="middle", weight="bold")
        )
        body.append(_text(x + bar / 2, height - bottom + 16, label, anchor="middle"))
    body += legend(segments, left, height - 34, width)
    return _svg(width, height, title, body)


def horizontal_bars(
    title: str,
    rows: list[tuple[str, float, str | None]],
    kind: str = "count",
    width: int = 640,
    row_height: int = 24,
    color: str = PALETTE[0],
) -> str:
    """One bar per row (a district): label, value, and an optional link. The value is
    written as the tables write it (`kind`: "count" or "pct"), in the reader's language."""
    label_width, right = 230, 60
    height = row_height * len(rows) + 10
    peak = max([value or 0 for _label, value, _href in rows] + [1])
    body = []
    for index, (label, value, href) in enumerate(rows):
        y = 5 + index * row_height
        length = (width - label_width - right) * (value or 0) / peak
        bar = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            label_width,
            y + 3,
            round(length, 1),
            row_height - 8,
            color,
        )
        text = _text(label_width - 6, y + row_height / 2 + 4, label, anchor="end")
        figure = _text(
            label_width + length + 4,
            y + row_height / 2 + 4,
            figure_text(value, kind),
        )
        group = format_html("{}{}{}", text, bar, figure)
        body.append(format_html('<a href="{}">{}</a>', href, group) if href else group)
    return _svg(width, height, title, body)


def paired_bars(
    title: str,
    rows: list[tuple[str, int, int]],
    first: Segment,
    second: Segment,
    width: int = 640,
    row_height: int = 34,
) -> str:
    """Two bars per row: e.g. alimony ordered against received."""
    label_width, right = 200, 50
    height = row_height * len(rows) + 36
    peak = max([max(a or 0, b or 0) for _label, a, b in rows] + [1])
    body = []
    for index, (label, a, b) in enumerate(rows):
        y = 5 + index * row_height
        body.append(_text(label_width - 6, y + row_height / 2 + 2, label, anchor="end"))
        for offset, (value, segment) in enumerate(((a, first), (b, second))):
            length = (width - label_width - right) * (value or 0) / peak
            top = y + 2 + offset * (row_height / 2 - 3)
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    label_width,
                    round(top, 1),
                    round(length, 1),
                    round(row_height / 2 - 5, 1),
                    segment.color,
                )
            )
            body.append(
                _text(
                    label_width + length + 4,
                    top + row_height / 2 - 7,
                    figure_text(value or 0),
                    size=11,
                )
            )
    body += legend([first, second], label_width, height - 8, width)
    return _svg(width, height, title, body)
