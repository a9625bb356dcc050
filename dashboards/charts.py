"""Altair charts in one visual language: a colour-blind-safe palette, titled axes with units.

Shares are stored as fractions and drawn on a percentage axis; money is labelled in pounds.
Suppressed or empty figures (``c``, ``z``, ``x``) are simply not drawn: the table beside each
chart carries the symbol.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboards.formatting import numeric
from dashboards.measures import code_label, label, measure

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
QUARTILE_BAND = "#D9D9D9"
FONT = "Source Sans Pro, sans-serif"


def _axis(column: str, title: str | None = None) -> alt.Axis:
    entry = measure(column)
    unit = entry.unit if entry else "count"
    title = title or label(column)
    if unit == "share":
        return alt.Axis(format=".0%", title=title)
    if unit == "gbp":
        return alt.Axis(labelExpr="'£' + format(datum.value, ',.0f')", title=f"{title} (£)")
    return alt.Axis(format=",.0f" if unit == "count" else ",.1f", title=title)


def _tooltip_format(column: str) -> str:
    entry = measure(column)
    unit = entry.unit if entry else "count"
    return {"share": ".1%", "gbp": ",.0f", "count": ",.0f"}.get(unit, ",.1f")


def _readable(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Codes in category columns become words (MGR -> Manager) for legends and axes."""
    return frame.assign(**{column: frame[column].map(code_label) for column in columns if column in frame})


def _finish(chart: alt.Chart, title: str, description: str) -> alt.Chart:
    return (
        chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=15), description=description)
        .configure_range(category=PALETTE)
        .configure_axis(labelFont=FONT, titleFont=FONT, gridColor="#EEEEEE")
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="top", labelLimit=0, columns=3)
        .configure_view(strokeWidth=0)
    )


def trend(frame: pd.DataFrame, value: str, title: str, series: str = "group_name") -> alt.Chart:
    """One line per group across collection years."""
    data = numeric(frame[["year", series, value]], [value]).dropna(subset=[value])
    chart = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3)
        .encode(
            x=alt.X("year:O", title="Collection year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value}:Q", axis=_axis(value), scale=alt.Scale(zero=True)),
            color=alt.Color(f"{series}:N", title=None),
            tooltip=[
                alt.Tooltip(f"{series}:N", title=label(series)),
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip(f"{value}:Q", title=label(value), format=_tooltip_format(value)),
            ],
        )
        .properties(height=300)
    )
    return _finish(chart, title, f"{label(value)} by collection year")


def bars(frame: pd.DataFrame, value: str, category: str, title: str, color: str | None = None) -> alt.Chart:
    """Horizontal bars, largest first, optionally coloured by a second variable."""
    data = _readable(
        numeric(frame[[category, value, *([color] if color else [])]], [value]).dropna(subset=[value]),
        category,
        *([color] if color else []),
    )
    encoding = {
        "x": alt.X(f"{value}:Q", axis=_axis(value)),
        "y": alt.Y(f"{category}:N", sort="-x", title=None),
        "tooltip": [
            alt.Tooltip(f"{category}:N", title=label(category)),
            alt.Tooltip(f"{value}:Q", title=label(value), format=_tooltip_format(value)),
        ],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None)
        encoding["yOffset"] = alt.YOffset(f"{color}:N")
    else:
        encoding["color"] = alt.value(PALETTE[0])
    chart = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(**encoding)
    return _finish(
        chart.properties(height=alt.Step(44 if color else 26)),
        title,
        f"{label(value)} by {label(category).lower()}",
    )


def compare_bars(frame: pd.DataFrame, category: str, values: list[str], title: str) -> alt.Chart:
    """Two or more money (or count) figures side by side for each category, e.g. allocated vs spent."""
    data = _readable(numeric(frame[[category, *values]], values), category)
    long = data.melt(id_vars=[category], value_vars=values, var_name="measure", value_name="amount")
    long["measure"] = long["measure"].map(label)
    long = long.dropna(subset=["amount"])
    chart = (
        alt.Chart(long)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y(f"{category}:N", title=None),
            yOffset=alt.YOffset("measure:N", sort=[label(v) for v in values]),
            x=alt.X(
                "amount:Q", axis=_axis(values[0], "Share" if measure(values[0]).unit == "share" else "Amount")
            ),
            color=alt.Color("measure:N", title=None, sort=[label(v) for v in values]),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=label(category)),
                alt.Tooltip("measure:N", title="Figure"),
                alt.Tooltip("amount:Q", format=_tooltip_format(values[0]), title="Amount"),
            ],
        )
        .properties(height=alt.Step(11 * len(values) + 8))
    )
    return _finish(chart, title, f"{', '.join(label(v) for v in values)} by {label(category).lower()}")


def stacked_shares(frame: pd.DataFrame, row: str, category: str, value: str, title: str) -> alt.Chart:
    """Each row a 100% bar split by category: a mix (spend categories, mentors' main jobs)."""
    data = numeric(frame[[row, category, value]], [value])
    # a mix with a hidden part would be drawn as if the rest were all of it: leave such rows out
    complete = ~data[value].isna().groupby(data[row]).transform("any")
    data = _readable(data[complete], row, category)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(f"{row}:N", title=None),
            x=alt.X(
                f"sum({value}):Q",
                stack="normalize",
                axis=alt.Axis(format=".0%", title="Share", values=[0, 0.25, 0.5, 0.75, 1]),
            ),
            color=alt.Color(f"{category}:N", title=None),
            order=alt.Order(f"{category}:N"),
            tooltip=[
                alt.Tooltip(f"{row}:N", title=label(row)),
                alt.Tooltip(f"{category}:N", title=label(category)),
                alt.Tooltip(f"{value}:Q", title=label(value), format=_tooltip_format(value)),
            ],
        )
        .properties(height=alt.Step(30))
    )
    return _finish(chart, title, f"Mix of {label(category).lower()} by {label(row).lower()}")


def against_quartiles(quartiles: pd.DataFrame, points: pd.DataFrame, title: str) -> alt.Chart:
    """Sector inter-quartile band and median per indicator, with each member (or partnership) as a dot.

    ``quartiles``: indicator, p25, p50, p75; ``points``: indicator, who, value (all shares).
    """
    band = (
        alt.Chart(quartiles)
        .mark_bar(color=QUARTILE_BAND, height=16, cornerRadius=3)
        .encode(
            y=alt.Y("indicator:N", title=None, sort=None),
            x=alt.X(
                "p25:Q",
                axis=alt.Axis(format=".0%", title="Share (grey band: sector inter-quartile range)"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            x2="p75:Q",
            tooltip=[
                alt.Tooltip("indicator:N", title="Indicator"),
                alt.Tooltip("p25:Q", format=".1%", title="Lower quartile"),
                alt.Tooltip("p50:Q", format=".1%", title="Median"),
                alt.Tooltip("p75:Q", format=".1%", title="Upper quartile"),
            ],
        )
    )
    median = (
        alt.Chart(quartiles)
        .mark_tick(color="#333333", thickness=2, size=18)
        .encode(y=alt.Y("indicator:N", sort=None), x="p50:Q")
    )
    dots = (
        alt.Chart(points.dropna(subset=["value"]))
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            y=alt.Y("indicator:N", sort=None),
            x="value:Q",
            color=alt.Color("who:N", title=None),
            shape=alt.Shape("who:N", title=None),
            tooltip=[
                alt.Tooltip("who:N", title="Who"),
                alt.Tooltip("indicator:N", title="Indicator"),
                alt.Tooltip("value:Q", format=".1%", title="Value"),
            ],
        )
    )
    layered = alt.layer(band, median, dots).properties(height=alt.Step(34))
    return _finish(layered, title, "Each member against the sector's quartiles")
