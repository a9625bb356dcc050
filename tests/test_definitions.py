"""Smoke test: the code location loads, with the assets, job and sensor the UI shows."""

import dagster as dg

from pipelines.definitions import defs


def test_definitions_load_with_the_whole_asset_graph():
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"received_returns", "collection_store", "raw/part_mentor_pool", "published_warehouse"} <= keys
    assert "provider_year_indicators" in keys  # a dbt mart, downstream of the staged build
    upstream = {key.to_user_string() for key in graph.get(dg.AssetKey("published_warehouse")).parent_keys}
    assert "provider_year_indicators" in upstream
    assert defs.resolve_job_def("process_returns") is not None
    assert defs.resolve_sensor_def("landing_sensor").job_name == "process_returns"
