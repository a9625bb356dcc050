"""What every page shares: the header, the audience and snapshot, filters, metrics, tables, downloads.

A page calls ``open_page`` first (or ``open_comparison_page``, which adds the year and grouping
pickers of a page comparing groups). It stops the page with a plain message when the audience is
misconfigured, when nothing has been published yet, or when the page is not for this audience,
so page modules only deal with figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboards import downloads
from dashboards.access import Audience, AudienceError, server_audience
from dashboards.data import ALL, GROUPINGS, Grouping, Warehouse, open_warehouse
from dashboards.disclosure import is_symbol
from dashboards.formatting import display_frame, format_value, numeric
from dashboards.measures import label
from mpo.config import MpoHome

SYMBOL_NOTE = (
    "Symbols: **c** confidential (suppressed to protect providers), **z** not applicable "
    "(e.g. no denominator), **x** not available."
)


@dataclass(frozen=True)
class PageContext:
    warehouse: Warehouse
    audience: Audience

    @property
    def build_id(self) -> str:
        return self.warehouse.snapshot.build_id


def open_page(title: str, question: str, public: bool = True) -> PageContext:
    """Header, audience and snapshot; stops the page with a plain message when it cannot go on."""
    st.title(title)
    st.caption(question)
    try:
        audience = server_audience()
        warehouse = open_warehouse(MpoHome.from_env(), audience)
    except AudienceError as error:
        st.error(
            f"This dashboard was started for an audience it cannot serve: {error}. "
            "Ask whoever runs it to restart it with `mpo dashboard --audience ...`.",
            icon=":material/block:",
        )
        st.stop()
    if warehouse is None:
        st.info(
            "No warehouse has been published yet, so there is nothing to show. Figures appear here "
            "after the pipeline has processed returns and published a build (`mpo process`).",
            icon=":material/hourglass_empty:",
        )
        st.stop()
    snapshot = warehouse.snapshot
    st.caption(
        f":material/database: Snapshot **{snapshot.build_id}**, published {snapshot.published_at} · "
        f"shown to **{audience.describe()}**"
    )
    if not public and audience.is_public:
        st.info(
            "This page names providers, so it is not available to the public. The Funding, Quality, "
            "Partnership, Collection and Specialist mentor pages show published aggregates.",
            icon=":material/visibility_off:",
        )
        st.stop()
    return PageContext(warehouse, audience)


def pick_year(ctx: PageContext, key: str, years: Sequence[str] | None = None) -> str:
    options = list(years or ctx.warehouse.years())
    if not options:
        st.info("The warehouse holds no collection years yet.")
        st.stop()
    return st.selectbox("Collection year", options, index=len(options) - 1, key=key)


def pick_grouping(ctx: PageContext, key: str) -> Grouping:
    options: list[Grouping] = ["region", "provider_type", "partnership"]
    return st.segmented_control(
        "Compare by", options, default="region", required=True, format_func=lambda g: GROUPINGS[g], key=key
    )


def pick_partnership(ctx: PageContext, key: str, place: DeltaGenerator | None = None) -> tuple[str, str]:
    """Code and name of a partnership (a partnership audience is held to its own); stops when there are
    none. ``place`` is where the picker goes (a column), the page's body by default."""
    partnerships = ctx.warehouse.partnerships()
    if partnerships.empty:
        nothing_to_show("partnerships")
        st.stop()
    names = dict(zip(partnerships["partnership_code"], partnerships["partnership_name"], strict=True))
    code = (place or st).selectbox(
        "Partnership",
        list(names),
        format_func=lambda c: f"{names[c]} ({c})",
        disabled=ctx.audience.is_partnership,
        key=key,
    )
    return code, names[code]


@dataclass(frozen=True)
class Comparison:
    """What a page comparing groups starts from: the picked year and grouping, and the sector."""

    ctx: PageContext
    year: str
    grouping: Grouping
    sector: pd.DataFrame  # the sector's indicators, one row per year (for trends)
    sector_year: pd.Series  # the sector's indicators in the picked year


def open_comparison_page(title: str, question: str, key: str) -> Comparison:
    """``open_page``, then pickers of year and grouping; stops when the year has no accepted returns."""
    ctx = open_page(title, question)
    filters = st.columns([1, 2])
    with filters[0]:
        year = pick_year(ctx, f"{key}-year")
    with filters[1]:
        grouping = pick_grouping(ctx, f"{key}-grouping")
    sector = ctx.warehouse.group_indicators("sector")
    sector_year = only(sector, year=year)
    if sector_year.empty:
        nothing_to_show(f"accepted returns for {year}")
        st.stop()
    return Comparison(ctx, year, grouping, sector, sector_year.iloc[0])


def only(frame: pd.DataFrame, **equal: object) -> pd.DataFrame:
    """Rows whose columns equal the given values."""
    for column, value in equal.items():
        frame = frame[frame[column] == value]
    return frame


def sector_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["group"] == ALL]


def group_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["group"] != ALL]


def metrics(
    row: pd.Series | None,
    columns: Sequence[str],
    trend: pd.DataFrame | None = None,
    help_text: dict[str, str] | None = None,
) -> None:
    """Headline figures, three to a row; with ``trend`` (one row per year) each gets a sparkline."""
    per_row = 3
    cells = [cell for start in range(0, len(columns), per_row) for cell in st.columns(per_row)]
    for cell, column in zip(cells, columns, strict=False):
        value = row[column] if row is not None and column in row else "x"
        spark = None
        if trend is not None and column in trend and len(trend) > 1:
            values = numeric(trend, [column])[column]
            spark = None if values.isna().any() else values.tolist()
        cell.metric(
            label(column),
            format_value(column, value),
            border=True,
            chart_data=spark,
            chart_type="area",
            help=(help_text or {}).get(column),
        )


def chart(figure: alt.Chart) -> None:
    st.altair_chart(figure, theme=None, width="stretch")


def table(
    ctx: PageContext, frame: pd.DataFrame, columns: Sequence[str], name: str, caption: str | None = None
) -> None:
    """A formatted table with its tidy CSV download; says so plainly when there are no rows."""
    present = [column for column in columns if column in frame]
    if frame.empty:
        st.info("No figures for this selection.", icon=":material/filter_alt_off:")
        return
    st.dataframe(display_frame(frame, present), hide_index=True, width="stretch")
    footer = st.columns([3, 1])
    if caption or any(is_symbol(v) for v in frame[present].to_numpy().ravel()):
        footer[0].caption(" ".join(part for part in (caption, SYMBOL_NOTE) if part))
    with footer[1]:
        download(ctx, frame[present], name)


def download(ctx: PageContext, frame: pd.DataFrame, name: str) -> None:
    """The tidy CSV of a table (symbols kept, text neutralised)."""
    st.download_button(
        "Download CSV",
        downloads.tidy_csv(frame),
        file_name=downloads.file_name(name, ctx.build_id),
        mime="text/csv",
        icon=":material/download:",
        key=f"download-{name}",
    )


def nothing_to_show(what: str) -> None:
    st.info(f"No {what} in this snapshot for this selection.", icon=":material/filter_alt_off:")
