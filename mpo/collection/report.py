"""The provider's report of one submission: ``<submission_id>.json`` (machines) and ``.html`` (people).

The page says in words what the status means and what to do next, then lists every issue by part.
Everything shown is escaped, and a value that a spreadsheet would run as a formula is shown
neutralised with a leading ' (SEC01).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from schemas.parts import PARTS

SUBMISSION_FIELDS = (
    "submission_id",
    "file_name",
    "sha256",
    "ukprn",
    "year",
    "file_timestamp",
    "received_at",
    "status",
    "error_count",
    "warning_count",
    "superseded_by",
    "duplicate_of",
)
ISSUE_FIELDS = ("rule_id", "severity", "part", "row_number", "column_name", "value", "message")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

STATUS_WORDS = {
    "ACCEPTED": (
        "Accepted",
        "Your return passed validation and is now your current return for this year.",
        "Nothing, unless a warning below shows a value that is wrong: then correct it and send a new file.",
    ),
    "REJECTED": (
        "Rejected",
        "Your return has errors, so nothing in it was loaded. Your previously accepted "
        "return for this year, if any, stays current.",
        "Correct every error listed below and send a new file, named with the time you produce it.",
    ),
    "DUPLICATE": (
        "Duplicate",
        "This file is identical, byte for byte, to a file received before (submission "
        "{duplicate_of}). It was not processed again and changes nothing.",
        "Nothing. If you meant to send a corrected return, check that you attached the new file.",
    ),
    "STALE": (
        "Stale",
        "The time in this file's name is not later than that of your currently accepted return "
        "for this year, so it changes nothing.",
        "If this is a correction, produce the file again so its name carries the current time.",
    ),
    "SUPERSEDED": (
        "Superseded",
        "This return was accepted, and has since been replaced by a later one (submission {superseded_by}).",
        "Nothing: the later return is your current one.",
    ),
}


def neutralised(text: str) -> str:
    """Text a spreadsheet would read as a formula, with a leading ' so it is shown, never run."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_report(
    reports_dir: Path, submission: Mapping[str, Any], issues: Iterable[Mapping[str, Any]]
) -> tuple[Path, Path]:
    """Write one submission's JSON and HTML reports (only its own issues); returns their paths.

    ``issues`` are plain records, not a frame: a batch writes thousands of reports, and a frame per
    report would cost more than the report itself.
    """
    fields = {name: _plain(submission.get(name)) for name in SUBMISSION_FIELDS}
    rows = [{name: _plain(issue.get(name)) for name in ISSUE_FIELDS} for issue in issues
            if issue.get("submission_id", fields["submission_id"]) == fields["submission_id"]]
    reports_dir.mkdir(parents=True, exist_ok=True)
    stem = reports_dir / str(fields["submission_id"])
    json_path = _write(
        stem.with_suffix(".json"), json.dumps({**fields, "issues": rows}, indent=2, ensure_ascii=False)
    )
    html_path = _write(stem.with_suffix(".html"), report_html(fields, rows))
    return json_path, html_path


def _write(path: Path, text: str) -> Path:
    """Write via a temporary name so a reader never sees half a report."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def _plain(value: Any) -> Any:
    """A JSON-ready value: None for missing, ISO text for times, Python numbers."""
    if value is None or (
        not isinstance(value, (str, bytes)) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a row number or count that went through a float column
    return value


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value), quote=True)


def report_html(fields: Mapping[str, Any], issues: list[dict[str, Any]]) -> str:
    """The readable page for the provider."""
    status = fields.get("status") or "RECEIVED"
    word, meaning, next_step = STATUS_WORDS.get(status, (status.title(), "The file is being processed.", ""))
    facts = [
        ("Submission", fields["submission_id"]),
        ("File", neutralised(str(fields["file_name"] or ""))),
        ("UKPRN", fields["ukprn"]),
        ("Year", fields["year"]),
        ("File produced", fields["file_timestamp"]),
        ("Received", fields["received_at"]),
        ("SHA-256", fields["sha256"]),
    ]
    fact_rows = "".join(f"<dt>{escape(label)}</dt><dd>{_text(value)}</dd>" for label, value in facts)
    summary = (
        f"<p>{_count(fields['error_count'], 'error')} and {_count(fields['warning_count'], 'warning')}.</p>"
    )
    body = _issue_sections(issues) if issues else "<p>No issues were found.</p>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Validation report: {_text(fields['file_name'])}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>Validation report for submission {_text(fields['submission_id'])}</h1>"
        f'<section aria-labelledby="status"><h2 id="status">Status: {escape(word)}</h2>'
        f"<p>{escape(meaning.format(**{k: '' if v is None else v for k, v in fields.items()}))}</p>"
        f"<p><strong>What to do next:</strong> {escape(next_step)}</p>{summary}</section>"
        f"<dl>{fact_rows}</dl>{body}</main></body></html>\n"
    )


def _count(value: Any, noun: str) -> str:
    number = int(value or 0)
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _issue_sections(issues: list[dict[str, Any]]) -> str:
    """One table per part, the whole-file issues first, in part order."""
    order = [None, *PARTS]
    parts = sorted(
        {issue["part"] for issue in issues}, key=lambda p: order.index(p) if p in order else len(order)
    )
    sections = []
    for part in parts:
        title = "The whole file" if part is None else f"Part: {part}"
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{cell}</td>"
                for cell in (
                    _text(issue["severity"]),
                    _text(issue["rule_id"]),
                    _text(issue["row_number"]),
                    _text(issue["column_name"]),
                    ""
                    if issue["value"] is None
                    else f"<code>{_text(neutralised(str(issue['value'])))}</code>",
                    _text(issue["message"]),
                )
            )
            + "</tr>"
            for issue in issues
            if issue["part"] == part
        )
        header = "".join(
            f'<th scope="col">{name}</th>'
            for name in ("Severity", "Rule", "Row", "Column", "Value", "What to change")
        )
        sections.append(
            f"<section><h2>{escape(title)}</h2><table><caption>{escape(title)}: issues</caption>"
            f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    return "".join(sections)


_STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#0b0c0c}"
    "main{max-width:72rem;margin:auto;padding:1rem}"
    "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold}"
    "th,td{border:1px solid #505a5f;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "dt{font-weight:bold}dd{margin:0 0 .4rem 0;overflow-wrap:anywhere}code{overflow-wrap:anywhere}"
)
