"""The benchmark's table: measure, figure, value, target, met; as Markdown, so it pastes into docs."""

from __future__ import annotations

from typing import Any


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def rows(report: dict[str, Any]) -> list[list[str]]:
    table = []
    for index, measure in enumerate(report["measures"].values(), start=1):
        label = f"{index}. {measure['title']}"
        for figure in measure["figures"]:
            table.append([label, figure["name"], f"{_number(figure['value'])} {figure['unit']}",
                          figure["target_text"], "met" if figure["met"] else "**not met**", figure["note"]])
        for skipped in measure["skipped"]:
            table.append([label, skipped["figure"], "—", "", "skipped", skipped["reason"]])
        if measure.get("error"):
            table.append([label, "(measure failed)", "—", "", "**error**", measure["error"].splitlines()[0]])
    return table


def markdown_table(report: dict[str, Any]) -> str:
    header = ["measure", "figure", "value", "target", "met", "note"]
    body = rows(report)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), line(["-" * width for width in widths]), *map(line, body)])
