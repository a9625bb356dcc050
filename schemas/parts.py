"""The five parts of a return (docs/spec.md section 3) as data.

Everything that reads, writes, validates or stores a part takes its columns from here:
the generator, the readers, the pandera models, the collection store and the dbt sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import codes

# Column kinds and how each is stored once typed.
STORAGE_TYPES = {
    "ukprn": "INTEGER",
    "year": "VARCHAR",
    "int": "INTEGER",
    "decimal": "DOUBLE",
    "money": "DECIMAL(12,2)",
    "yesno": "BOOLEAN",
    "date": "DATE",
    "code": "VARCHAR",
    "codes": "VARCHAR",  # a ';'-list, stored upper-case, ';'-joined, no spaces
    "ref": "VARCHAR",  # mentor_ref
    "text": "VARCHAR",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: str
    required: bool = True  # False: optional or conditionally required; the column may be left out
    codes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None

    @property
    def storage_type(self) -> str:
        return STORAGE_TYPES[self.kind]


@dataclass(frozen=True)
class Part:
    name: str
    meaning: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _count(name: str, meaning: str) -> Column:
    return Column(name, "int", meaning, minimum=0)


def _money(name: str, meaning: str, maximum: float | None = None, required: bool = True) -> Column:
    return Column(name, "money", meaning, required=required, minimum=0, maximum=maximum)


MENTOR_REF = Column("mentor_ref", "ref", "the provider's pseudonymous mentor identifier", max_length=20)

ABOUT = Part("about", "the provider and its staff (exactly one data row)", (
    Column("ukprn", "ukprn", "must equal the file name's UKPRN"),
    Column("year", "year", "must equal the file name's year"),
    _count("teaching_staff", "teaching staff headcount at the census date"),
    _count("trainee_teachers", "staff on an initial teacher training programme"),
    _count("trainees_with_mentor", "of those, how many have an identified mentor"),
    _count("new_staff", "teaching staff who joined in the year"),
    _count("new_staff_with_mentor", "of those, how many have a mentor"),
    _count("leavers", "teaching staff who left in the year"),
    _count("leavers_mentored", "of those, how many had a mentor in the year"),
    _count("mentored_staff", "teaching staff who had a mentor at any point in the year"),
    Column("has_mentoring_policy", "yesno", "written mentoring policy and procedures"),
))

MENTOR_POOL = Part("mentor_pool", "one row per mentor active in the year", (
    MENTOR_REF,
    Column("employed_role", "code", "main job", codes=codes.EMPLOYED_ROLES),
    Column("mentor_type", "code", "generic pool mentor, subject specialist, or both",
           codes=codes.MENTOR_TYPES),
    Column("subject_area", "int", "Sector Subject Area tier 1 of the specialism", minimum=1, maximum=15),
    Column("is_learning_coach", "yesno", "also a subject learning coach"),
    Column("contexts", "codes", "what the mentoring is for", codes=codes.CONTEXTS),
    Column("selection", "code", "how the mentor came to the role", codes=codes.SELECTIONS),
    Column("line_manages_mentee", "yesno", "line-manages at least one current mentee"),
    Column("grades_observations", "yesno", "gives graded judgements on mentees' observed teaching"),
    Column("active_mentees", "int", "mentees in the year", minimum=0, maximum=40),
    Column("meetings_per_term", "decimal", "typical meetings with each mentee per term",
           required=False, minimum=0, maximum=60),
    Column("start_date", "date", "when the person became a mentor"),
))

REMUNERATION = Part("remuneration", "one row per mentor in mentor_pool", (
    MENTOR_REF,
    Column("arrangement", "code", "how the mentoring time is recognised", codes=codes.ARRANGEMENTS),
    Column("remitted_hours", "decimal", "hours a year remitted from teaching",
           required=False, minimum=0, maximum=400),
    _money("payment_gbp", "payment for the year", maximum=20_000, required=False),
    Column("payment_basis", "code", "how the payment is worked out", required=False,
           codes=codes.PAYMENT_BASES),
    Column("funding_stream", "code", "which funding pays for it", codes=codes.STREAMS),
))

TRAINING = Part("training", "one row per mentor per training activity in the year", (
    MENTOR_REF,
    Column("programme_type", "code", "kind of programme", codes=codes.PROGRAMME_TYPES),
    Column("programme_name", "text", "name of the programme", required=False, max_length=120),
    Column("delivery", "code", "who ran it", codes=codes.DELIVERIES),
    Column("accredited", "yesno", "whether the programme is accredited"),
    Column("level", "int", "qualification level, when accredited", required=False, minimum=3, maximum=7),
    Column("hours", "decimal", "planned learning hours", minimum=0.5, maximum=600),
    Column("status", "code", "where the mentor is with it", codes=codes.TRAINING_STATUSES),
    Column("reason", "code", "why withdrawn or declined", required=False, codes=codes.REASONS),
    Column("start_date", "date", "when it started", required=False),
    Column("completion_date", "date", "when it was completed", required=False),
))

FUNDING = Part("funding", "one row per funding stream the provider held in the year", (
    Column("stream", "code", "funding stream", codes=codes.STREAMS),
    _money("allocated_gbp", "what the provider says it was allocated (OWN: its own budget)"),
    _money("spent_remission_gbp", "cost of remitted teaching time"),
    _money("spent_payments_gbp", "payments to mentors"),
    _money("spent_training_gbp", "mentor training fees"),
    _money("spent_cover_gbp", "cover / backfill so mentors and mentees can be released"),
    _money("spent_coordination_gbp", "coordinator posts, administration"),
    _money("spent_materials_gbp", "handbooks, resources"),
    _money("spent_other_gbp", "anything else"),
    Column("has_spending_plan", "yesno", "a formal, written plan for this stream"),
))

PARTS: dict[str, Part] = {part.name: part for part in (ABOUT, MENTOR_POOL, REMUNERATION, TRAINING, FUNDING)}
