"""The validation rules of docs/spec.md section 4, once, as data.

Rule ids appear here exactly as in the spec; code refers to them through ``RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "ERROR"
WARNING = "WARNING"


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str | None  # None: the rule sets a status (DUPLICATE, STALE), not an issue
    condition: str


RULES: dict[str, Rule] = {rule.rule_id: rule for rule in (
    Rule("FILE01", ERROR, "the file cannot be opened as the container its extension names"),
    Rule("FILE02", ERROR, "the file name does not follow the naming convention"),
    Rule("FILE03", ERROR, "the file is larger than 20 MB"),
    Rule("FILE04", ERROR, "a required part is missing"),
    Rule("FILE05", ERROR, "a required column is missing in a part"),
    Rule("FILE06", WARNING, "a part has a column the spec does not know (ignored)"),
    Rule("FILE07", ERROR, "a part is not valid UTF-8 text"),
    Rule("SUB01", ERROR,
         "the UKPRN is not in the provider register, or the provider was closed before the year began"),
    Rule("SUB02", ERROR,
         "about has other than exactly one row, or its ukprn/year disagree with the file name"),
    Rule("SUB03", None, "the same bytes were already received (DUPLICATE)"),
    Rule("SUB04", ERROR, "the year is not open for submissions at the time of receipt"),
    Rule("SUB05", None, "older than the accepted submission (STALE)"),
    Rule("VAL01", ERROR, "a value has the wrong type or format"),
    Rule("VAL02", ERROR, "a value is outside its allowed range"),
    Rule("VAL03", ERROR, "a required value is blank"),
    Rule("MP01", ERROR, "mentor_ref duplicated in mentor_pool"),
    Rule("MP02", ERROR, "mentor_ref looks like personal data"),
    Rule("MP03", WARNING, "active_mentees > 12"),
    Rule("MP04", WARNING, "start_date in the future at receipt"),
    Rule("RM01", ERROR, "remuneration mentor_ref not in mentor_pool"),
    Rule("RM02", ERROR, "a mentor in mentor_pool has no remuneration row, or more than one"),
    Rule("RM03", ERROR, "arrangement and hours/payment disagree, or payment_basis blank when paid"),
    Rule("RM04", WARNING, "remitted_hours per active mentee below 20"),
    Rule("RM05", ERROR, "funding_stream is neither OWN nor a stream present in funding"),
    Rule("TR01", ERROR, "training mentor_ref not in mentor_pool"),
    Rule("TR02", ERROR, "level given when not accredited, or missing when accredited"),
    Rule("TR03", ERROR, "COMPLETED without completion_date, or completion_date before start_date"),
    Rule("TR04", ERROR, "WITHDRAWN/DECLINED without a reason"),
    Rule("FN01", ERROR, "a stream appears more than once"),
    Rule("FN02", WARNING, "total spent exceeds allocated for a stream other than OWN"),
    Rule("FN03", WARNING, "MENTOR_GRANT allocated above £6,000"),
    Rule("FN04", WARNING, "allocated_gbp differs from the funder's allocation by more than £1"),
    Rule("AB01", ERROR, "a with-mentor/mentored count exceeds its total"),
    Rule("AB02", WARNING, "mentors have fewer active mentees in total than trainees_with_mentor"),
    Rule("SEC01", WARNING, "a text value starts with =, +, -, @, tab or carriage return"),
)}

ISSUE_RULES = tuple(rule_id for rule_id, rule in RULES.items() if rule.severity is not None)

# Limits of FILE01 and FILE03 (1 MB = 1,000,000 bytes).
MAX_FILE_BYTES = 20_000_000
MAX_UNCOMPRESSED_BYTES = 50_000_000
MAX_COMPRESSION_RATIO = 100
# A sheet bomb is FILE01 too: the workbook reader builds a sheet as a dense grid from A1 to its farthest
# cell with content, so one cell at XFD1048576 in a 5 KB file asks for 17 billion cells and the process
# aborts. Two million cells (50,000 rows of 40 columns) is far more than any return needs.
MAX_SHEET_CELLS = 2_000_000
