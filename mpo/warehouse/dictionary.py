"""The data dictionary for analysts: every published table and column, as dbt's documentation describes it."""

from __future__ import annotations

import json
from pathlib import Path

HEADER = """# Data dictionary: the published warehouse

Generated from the dbt project's documentation by `mpo dictionary`; do not edit by hand.
Open the warehouse read-only: `duckdb.connect("$MPO_HOME/published/warehouse.duckdb", read_only=True)`.
Every table below is in the default schema. Rates and shares are fractions between 0 and 1, NULL
when their denominator is 0 (spec section 5). Money is in pounds, to the penny.
"""


def published_nodes(manifest: dict) -> list[dict]:
    """Marts and seeds: what lands in the default schema, sorted by layer folder then name."""
    nodes = [
        node for node in manifest["nodes"].values()
        if (node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/"))
        or node["resource_type"] == "seed"
    ]
    return sorted(nodes, key=lambda node: (node["original_file_path"].rsplit("/", 1)[0], node["name"]))


def render_dictionary(manifest_path: Path) -> str:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    sections = [HEADER]
    for node in published_nodes(manifest):
        rows = "\n".join(
            f"| `{name}` | {' '.join(column['description'].split()).replace('|', '/')} |"
            for name, column in node["columns"].items()
        )
        description = " ".join(node["description"].split())
        table = f"| column | meaning |\n| --- | --- |\n{rows}\n"
        sections.append(f"## `{node['name']}`\n\n{description}\n\n{table}")
    return "\n".join(sections)
