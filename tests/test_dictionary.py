"""The data dictionary the README points analysts to is the dbt documentation, current."""

from pathlib import Path

from mpo.warehouse.dictionary import render_dictionary
from pipelines.resources import dbt_project

DICTIONARY = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


def test_the_committed_data_dictionary_matches_the_dbt_documentation():
    rendered = render_dictionary(dbt_project().manifest_path)
    assert DICTIONARY.read_text(encoding="utf-8") == rendered, "run `mpo dictionary` and commit the result"


def test_the_dictionary_covers_every_mart_and_indicator():
    text = DICTIONARY.read_text(encoding="utf-8")
    for table in ("provider_year_indicators", "sector_year_indicators", "collection_status", "fct_funding"):
        assert f"## `{table}`" in text
    for indicator in ("trainee_mentor_coverage", "onside_offline_nonjudgemental", "leaver_rate_unmentored"):
        assert f"| `{indicator}` |" in text
