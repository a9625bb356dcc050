"""The one job: landing → archive → validation → load → dbt build → publish."""

import dagster as dg

process_returns = dg.define_asset_job(
    "process_returns",
    selection=dg.AssetSelection.all(),
    description="Receive new return files, validate and store them, build and publish the warehouse.",
    # One process for the whole run: it holds the writer lock from start to end, and the steps
    # are sequential anyway (each needs the one before).
    executor_def=dg.in_process_executor,
    tags={"mpo/writer": "true"},
)
