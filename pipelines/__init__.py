"""The Dagster code location of MPO: assets, the processing job, the landing sensor, resources."""
