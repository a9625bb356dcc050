"""The only way a page reads data: the current published snapshot, restricted to the audience.

Every method returns a DataFrame already fit for the audience it was built for:

- ``national`` sees every provider;
- ``partnership:<code>`` sees its own members by name and everyone else only in sector,
  regional and provider-type aggregates (the restriction is in the SQL, with parameters, so no
  widget or URL can widen it);
- ``public`` sees aggregates only, passed through ``disclosure.protect``; asking for provider
  rows raises ``NotForAudience``.

The snapshot is found through ``published/current.json`` on every page load, and connections
are cached per build id: DuckDB caches a database per path inside a process, so a reader must
open the versioned snapshot file, never the stable ``warehouse.duckdb`` name.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from dashboards.access import Audience, NotForAudience, check_partnership_exists
from dashboards.disclosure import NOT_AVAILABLE, Additivity, ColumnsAddUp, RowsAddUp, mark_missing, protect
from dashboards.measures import KEY_LABELS, measure
from mpo.config import MpoHome
from mpo.warehouse.publish import current_publication
from schemas.codes import SPEND_CATEGORIES

Grouping = Literal["sector", "region", "provider_type", "partnership"]
GROUPINGS: dict[Grouping, str] = {
    "sector": "All providers",
    "region": "Region",
    "provider_type": "Provider type",
    "partnership": "Partnership",
}
ALL = "ALL"  # the group key of the whole-sector row that parts add up to
ALL_NAME = "All providers"
READER_CONFIG = {"threads": "2", "memory_limit": "1GB"}
_KEEP_CONNECTIONS = 2
# Columns that identify a provider or a file: never in anything the public receives.
IDENTIFYING = {
    "ukprn",
    "provider_name",
    "lead_ukprn",
    "submission_id",
    "file_name",
    "sha256",
    "accepted_submission_id",
    "mentor_ref",
}
REASON_COLUMNS = ("reason_time", "reason_cost", "reason_relevance", "reason_release", "reason_other")
_GROUP_MARTS = {
    "sector": ("sector_year_indicators", None),
    "region": ("region_year_indicators", "region"),
    "provider_type": ("provider_type_year_indicators", "provider_type"),
    "partnership": ("partnership_year_indicators", "partnership_code"),
}


@dataclass(frozen=True)
class Snapshot:
    build_id: str
    published_at: str
    path: Path


def current_snapshot(home: MpoHome) -> Snapshot | None:
    """What ``current.json`` points at now, or None before the first publication."""
    publication = current_publication(home)
    if publication is None or not publication.snapshot.exists():
        return None
    return Snapshot(publication.build_id, publication.published_at, publication.snapshot)


_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_lock = threading.Lock()


def _connection(snapshot: Snapshot) -> duckdb.DuckDBPyConnection:
    """One read-only connection per build id; older builds are closed once two newer ones exist."""
    with _lock:
        if snapshot.build_id not in _connections:
            _connections[snapshot.build_id] = duckdb.connect(
                str(snapshot.path), read_only=True, config=READER_CONFIG
            )
            for old in sorted(_connections)[:-_KEEP_CONNECTIONS]:
                _connections.pop(old).close()
        return _connections[snapshot.build_id]


def open_warehouse(home: MpoHome, audience: Audience) -> Warehouse | None:
    """The current snapshot for ``audience``; raises ``UnknownPartnership`` for an unknown code."""
    snapshot = current_snapshot(home)
    if snapshot is None:
        return None
    warehouse = Warehouse(snapshot, audience)
    check_partnership_exists(
        audience, set(warehouse.query("select partnership_code from dim_partnership")["partnership_code"])
    )
    return warehouse


class Warehouse:
    def __init__(self, snapshot: Snapshot, audience: Audience) -> None:
        self.snapshot = snapshot
        self.audience = audience

    # --- plumbing -------------------------------------------------------------------------------

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        cursor = _connection(self.snapshot).cursor()  # a cursor per query: safe across sessions' threads
        try:
            return cursor.execute(sql, params or []).df()
        finally:
            cursor.close()

    def _deliver(
        self,
        frame: pd.DataFrame,
        totals: tuple[Additivity, ...] = (),
        expect: tuple[str, ...] = (),
        outside_own: bool = False,
    ) -> pd.DataFrame:
        """Known columns only, disclosure where needed, ``x`` for expected figures the build lacks.

        ``outside_own``: aggregates over providers beyond a partnership's own members. A partnership
        gets those disclosure-controlled as well: a region of two providers, one of them its own
        member, would otherwise hand it the other provider's figures by subtraction.
        """
        keep = [c for c in frame.columns if measure(c) is not None or c in KEY_LABELS or c == "group"]
        frame = frame[keep]
        if self.audience.is_public:
            leaked = IDENTIFYING & set(frame.columns)
            if leaked:
                raise NotForAudience(f"identifying columns {sorted(leaked)} asked for the public audience")
            frame = protect(frame, totals)
        elif outside_own and self.audience.is_partnership:
            frame = protect(frame, totals)
        else:
            frame = mark_missing(frame)
        for column in expect:
            if column not in frame:
                frame[column] = NOT_AVAILABLE
        return frame

    def _visible_providers(self) -> tuple[str, list]:
        """SQL for the UKPRNs this audience may see by name, with its parameters."""
        if self.audience.kind == "national":
            return "select ukprn from dim_provider", []
        if self.audience.is_partnership:
            return (
                "select ukprn from bridge_provider_partnership where partnership_code = ?",
                [self.audience.partnership_code],
            )
        raise NotForAudience("provider-level figures are not published for the public")

    def _named_providers(self, sql: str, *args: object) -> pd.DataFrame:
        """Rows about providers by name, held to those this audience may see: ``sql`` says
        ``ukprn in ({visible})``, and ``args`` fill its placeholders that come before that."""
        visible, params = self._visible_providers()
        return self._deliver(self.query(sql.format(visible=visible), [*args, *params]))

    def _allowed_partnership(self, code: str) -> str:
        if self.audience.is_public:
            raise NotForAudience("partnership members are not named for the public")
        if self.audience.is_partnership and code != self.audience.partnership_code:
            raise NotForAudience(
                f"partnership {self.audience.partnership_code} cannot see partnership {code}"
            )
        return code

    def _group_scope(self, grouping: Grouping) -> tuple[str, str, list]:
        """(group expression, join, where-with-params) for provider-year rows ``p`` of a grouping."""
        if grouping == "sector":
            return f"'{ALL}'", "", ""
        if grouping in ("region", "provider_type"):
            return f"p.{grouping}", "", ""
        join = "join bridge_provider_partnership b on b.ukprn = p.ukprn"
        if self.audience.is_partnership:
            return "b.partnership_code", join, "where b.partnership_code = ?"
        return "b.partnership_code", join, ""

    def _scope_params(self, grouping: Grouping) -> list:
        return (
            [self.audience.partnership_code]
            if grouping == "partnership" and self.audience.is_partnership
            else []
        )

    # --- reference lists ------------------------------------------------------------------------

    def years(self) -> list[str]:
        return list(self.query("select year from dim_year order by year")["year"])

    def partnerships(self) -> pd.DataFrame:
        """Partnerships this audience may pick: all of them, or a partnership audience's own."""
        where, params = (
            ("where partnership_code = ?", [self.audience.partnership_code])
            if self.audience.is_partnership
            else ("", [])
        )
        frame = self.query(
            f"select partnership_code, partnership_name from dim_partnership {where} "
            "order by partnership_code",
            params,
        )
        return frame

    def group_names(self, grouping: Grouping) -> dict[str, str]:
        sql = {
            "sector": f"select '{ALL}' as code, '{ALL_NAME}' as name",
            "region": "select distinct region as code, region as name from dim_provider",
            "provider_type": "select provider_type as code, provider_type_name as name from provider_types",
            "partnership": "select partnership_code as code, partnership_name as name from dim_partnership",
        }
        names = dict(self.query(sql[grouping]).itertuples(index=False, name=None))
        return {**names, ALL: ALL_NAME}

    # --- aggregates (every audience) ------------------------------------------------------------

    def group_indicators(self, grouping: Grouping) -> pd.DataFrame:
        """Indicators per year and group, with the whole sector as group ``ALL`` where groups partition it."""
        table, key = _GROUP_MARTS[grouping]
        derived = (
            "leavers - leavers_mentored as leavers_unmentored, teaching_staff - mentored_staff as "
            "unmentored_staff"
        )
        parts = [f'select {key if key else repr(ALL)} as "group", *, {derived} from {table}']
        params: list = []
        if grouping == "partnership" and self.audience.is_partnership:
            parts[0] += " where partnership_code = ?"
            params.append(self.audience.partnership_code)
        if grouping in ("region", "provider_type"):
            parts.append(f"select '{ALL}' as \"group\", *, {derived} from sector_year_indicators")
        frame = self.query(" union all by name ".join(parts) + ' order by year, "group"', params)
        frame = self._named(
            frame.drop(columns=[c for c in ("region", "provider_type", "partnership_code") if c in frame]),
            grouping,
        )
        totals: tuple[Additivity, ...] = (ColumnsAddUp(REASON_COLUMNS, "training_declined_withdrawn"),)
        if grouping in ("region", "provider_type"):
            totals += (RowsAddUp("group", ALL),)
        return self._deliver(frame, totals)

    def _grouped(self, grouping: Grouping, sql: str) -> pd.DataFrame:
        """Run ``sql`` (with {group}, {join}, {where}) for the grouping, plus the whole sector as group
        ``ALL`` when the groups partition it, so both land in one table that disclosure sees whole."""
        group, join, where = self._group_scope(grouping)
        frame = self.query(sql.format(group=group, join=join, where=where), self._scope_params(grouping))
        if grouping in ("region", "provider_type"):
            frame = pd.concat(
                [frame, self.query(sql.format(group=f"'{ALL}'", join="", where=""))], ignore_index=True
            )
        return self._named(frame, grouping)

    def _named(self, frame: pd.DataFrame, grouping: Grouping) -> pd.DataFrame:
        """A ``group_name`` beside each group code, for headings and legends."""
        names = self.group_names(grouping)
        frame.insert(1, "group_name", frame["group"].map(lambda code: names.get(code, code)))
        return frame

    def _partition_rule(
        self, grouping: Grouping, within: tuple[str, ...], columns: tuple[str, ...]
    ) -> tuple[Additivity, ...]:
        return (RowsAddUp("group", ALL, within, columns),) if grouping in ("region", "provider_type") else ()

    def stream_funding(self, grouping: Grouping) -> pd.DataFrame:
        """Allocated, funder-allocated and evidenced spend per year, group and stream (and all streams).

        ``providers_with_stream_plan`` counts the providers with a plan for the stream (for any one
        external stream in the row of all streams), not ``providers_with_spending_plan`` of the group
        indicators, which needs a plan for every stream."""
        frame = self._grouped(
            grouping,
            f"""
            with scoped as (
                select p.year, {{group}} as "group", f.ukprn, f.stream, f.allocated_gbp,
                       f.funder_allocated_gbp, f.spent_gbp, f.unspent_gbp, f.allocation_gap_gbp,
                       f.has_spending_plan
                from provider_year_stream_funding f
                join provider_year_indicators p on p.ukprn = f.ukprn and p.year = f.year
                {{join}} {{where}}
            )
            select year, "group", coalesce(stream, '{ALL}') as stream,
                   count(distinct ukprn) as providers,
                   count(distinct ukprn) filter (where has_spending_plan) as providers_with_stream_plan,
                   sum(allocated_gbp) as allocated_gbp, sum(funder_allocated_gbp) as funder_allocated_gbp,
                   sum(spent_gbp) as spent_gbp, sum(unspent_gbp) as unspent_gbp,
                   sum(allocation_gap_gbp) as allocation_gap_gbp,
                   sum(spent_gbp) / nullif(sum(allocated_gbp), 0) as stream_utilisation
            from scoped
            where stream <> 'OWN'
            group by grouping sets ((year, "group", stream), (year, "group"))
            order by year, "group", stream
        """,
        )
        frame["plan_share"] = frame["providers_with_stream_plan"] / frame["providers"].where(
            frame["providers"] > 0
        )
        # distinct providers do not add up over streams; money does, over streams and over groups
        money = ("allocated_gbp", "funder_allocated_gbp", "spent_gbp", "unspent_gbp", "allocation_gap_gbp")
        return self._deliver(
            frame,
            (
                RowsAddUp("stream", ALL, ("year", "group"), money),
                *self._partition_rule(
                    grouping, ("year", "stream"), (*money, "providers", "providers_with_stream_plan")
                ),
            ),
            outside_own=grouping != "partnership",
        )

    def spend_mix(self, grouping: Grouping) -> pd.DataFrame:
        """Evidenced spend (all streams, own money included) per category, as amounts and shares."""
        unpivot = " union all ".join(
            f"select year, \"group\", ukprn, '{c}' as category, spent_{c}_gbp as spent_gbp from scoped"
            for c in SPEND_CATEGORIES
        )
        frame = self._grouped(
            grouping,
            f"""
            with scoped as (
                select p.year, {{group}} as "group", f.* exclude (year)
                from fct_funding f join provider_year_indicators p on p.ukprn = f.ukprn and p.year = f.year
                {{join}} {{where}}
            ), long as ({unpivot}),
            summed as (
                select year, "group", coalesce(category, '{ALL}') as category,
                       count(distinct ukprn) as providers, coalesce(sum(spent_gbp), 0) as spent_gbp
                from long group by grouping sets ((year, "group", category), (year, "group"))
            )
            select *, sum(spent_gbp) filter (where category <> '{ALL}') over (partition by year, "group")
                      as category_total_gbp
            from summed order by year, "group", category
        """,
        )
        frame["share_of_spend"] = frame["spent_gbp"] / frame["category_total_gbp"].where(
            frame["category_total_gbp"] > 0
        )
        return self._deliver(
            frame,
            (
                RowsAddUp("category", ALL, ("year", "group"), ("spent_gbp",)),
                *self._partition_rule(
                    grouping, ("year", "category"), ("spent_gbp", "providers", "category_total_gbp")
                ),
            ),
            outside_own=grouping != "partnership",
        )

    def mentor_mix(self, grouping: Grouping, dimension: str) -> pd.DataFrame:
        """Mentors per year, group and one of their attributes (main job, arrangement, mentor type)."""
        if dimension not in ("employed_role", "arrangement", "mentor_type"):
            raise ValueError(f"no mentor mix by {dimension!r}")
        frame = self._grouped(
            grouping,
            f"""
            select m.year, {{group}} as "group", coalesce(m.{dimension}, '{ALL}') as {dimension},
                   count(*) as mentors
            from fct_mentor m join provider_year_indicators p on p.ukprn = m.ukprn and p.year = m.year
            {{join}} {{where}}
            group by grouping sets ((m.year, "group", m.{dimension}), (m.year, "group"))
            order by 1, 2, 3
        """,
        )
        return self._deliver(
            frame,
            (
                RowsAddUp(dimension, ALL, ("year", "group"), ("mentors",)),
                *self._partition_rule(grouping, ("year", dimension), ("mentors",)),
            ),
            outside_own=grouping != "partnership",
        )

    def collection_summary(self) -> pd.DataFrame:
        """Per year: the register's providers by where their return stands, and late returns."""
        frame = self.query("""
            select year, count(*) as registered, count(*) filter (where expected) as expected,
                   count(*) filter (where status = 'ACCEPTED') as accepted,
                   count(*) filter (where status = 'REJECTED') as rejected,
                   count(*) filter (where status = 'MISSING') as missing,
                   count(*) filter (where status = 'NOT_EXPECTED') as not_expected,
                   count(*) filter (where is_late) as late,
                   count(*) filter (where expected and status = 'ACCEPTED') as accepted_expected
            from collection_status group by year order by year
        """)
        frame["accepted_share"] = frame["accepted_expected"] / frame["expected"].where(frame["expected"] > 0)
        return self._deliver(
            frame,
            (ColumnsAddUp(("accepted", "rejected", "missing", "not_expected"), "registered"),),
            outside_own=True,
        )

    def rule_frequencies(self) -> pd.DataFrame:
        """How often each validation rule fired, per collection year (files with no year: 'unknown')."""
        frame = self.query("""
            select coalesce(s.year, 'unknown') as year, i.rule_id, i.severity,
                   count(*) as issues, count(distinct i.submission_id) as submissions
            from validation_issues i join submissions s on s.submission_id = i.submission_id
            group by all order by year, issues desc, rule_id
        """)
        return self._deliver(frame, outside_own=True)

    def subject_capacity_by_region(self, subject_area: int) -> pd.DataFrame:
        """Mentors in one Sector Subject Area per year and region, with the England total row."""
        frame = self.query(
            f"""
            select c.year, coalesce(p.region, '{ALL}') as "group", count(distinct c.ukprn) as providers,
                   sum(c.mentors)::bigint as mentors, sum(c.specialist_mentors)::bigint as specialist_mentors,
                   sum(c.mentors_with_capacity)::bigint as mentors_with_capacity,
                   sum(c.spare_mentee_places)::bigint as spare_mentee_places
            from subject_mentor_capacity c join dim_provider p on p.ukprn = c.ukprn
            where c.subject_area = ?
            group by grouping sets ((c.year, p.region), (c.year)) order by 1, 2
        """,
            [subject_area],
        )
        frame.insert(1, "group_name", frame["group"].map(lambda code: ALL_NAME if code == ALL else code))
        return self._deliver(frame, (RowsAddUp("group", ALL, ("year",)),), outside_own=True)

    def subject_areas(self) -> dict[int, str]:
        return dict(
            self.query("select subject_area, subject_area_name from subject_areas order by 1").itertuples(
                index=False, name=None
            )
        )

    # --- named providers (national; a partnership's own members) --------------------------------

    def providers(self) -> pd.DataFrame:
        return self._named_providers(
            "select ukprn, provider_name, provider_type_name, region from dim_provider "
            "where ukprn in ({visible}) order by provider_name"
        )

    def member_indicators(self, partnership_code: str) -> pd.DataFrame:
        """Each member's provider-year indicators, for one partnership this audience may see."""
        code = self._allowed_partnership(partnership_code)
        return self._named_providers(
            """
            select d.provider_name, i.*,
                   i.leavers - i.leavers_mentored as leavers_unmentored,
                   i.teaching_staff - i.mentored_staff as unmentored_staff
            from provider_year_indicators i
            join bridge_provider_partnership b on b.ukprn = i.ukprn and b.partnership_code = ?
            join dim_provider d on d.ukprn = i.ukprn
            where i.ukprn in ({visible}) order by i.year, d.provider_name
        """,
            code,
        )

    def provider_years(self, ukprn: int) -> pd.DataFrame:
        return self._named_providers(
            "select * from provider_year_indicators where ukprn = ? and ukprn in ({visible}) order by year",
            ukprn,
        )

    def provider_submissions(self, ukprn: int) -> pd.DataFrame:
        return self._named_providers(
            """
            select submission_id, year, file_name, received_at, status, error_count, warning_count
            from submissions where ukprn = ? and ukprn in ({visible}) order by received_at desc
        """,
            ukprn,
        )

    def submission_issues(self, submission_id: int) -> pd.DataFrame:
        return self._named_providers(
            """
            select i.rule_id, i.severity, i.part, i.row_number, i.column_name, i.value, i.message
            from validation_issues i join submissions s on s.submission_id = i.submission_id
            where i.submission_id = ? and s.ukprn in ({visible})
            order by i.severity, i.rule_id, i.row_number
        """,
            submission_id,
        )

    def provider_collection_status(self, year: str) -> pd.DataFrame:
        return self._named_providers(
            """
            select d.provider_name, c.ukprn, c.status, c.is_late, c.files_received, c.rejected_files,
                   c.last_received_at
            from collection_status c join dim_provider d on d.ukprn = c.ukprn
            where c.year = ? and c.ukprn in ({visible}) and c.status <> 'NOT_EXPECTED'
            order by c.is_late desc, c.status desc, d.provider_name
        """,
            year,
        )

    def member_subject_capacity(self, partnership_code: str, subject_area: int) -> pd.DataFrame:
        code = self._allowed_partnership(partnership_code)
        return self._named_providers(
            """
            select c.year, d.provider_name, d.region, c.mentors, c.specialist_mentors,
                   c.mentors_with_capacity, c.spare_mentee_places
            from subject_mentor_capacity c
            join bridge_provider_partnership b on b.ukprn = c.ukprn and b.partnership_code = ?
            join dim_provider d on d.ukprn = c.ukprn
            where c.subject_area = ? and c.ukprn in ({visible})
            order by c.year, c.mentors_with_capacity desc, d.provider_name
        """,
            code,
            subject_area,
        )
