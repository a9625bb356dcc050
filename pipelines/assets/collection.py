"""Collection assets: landing files received into the archive, then decided, validated and stored."""

import dagster as dg

from mpo.collection.collect import collect
from mpo.collection.receive import receive_landing
from pipelines.resources import MpoHomeResource

WRITER_POOL = "mpo_writer"


class ReceiveConfig(dg.Config):
    """Which landing files to pick up: the sensor names them; empty means every complete file."""

    landing_keys: list[str] = []
    settle_seconds: float = 1.0


@dg.asset(group_name="collection", kinds={"python"}, pool=WRITER_POOL)
def received_returns(context: dg.AssetExecutionContext, config: ReceiveConfig,
                     mpo_home: MpoHomeResource) -> dg.MaterializeResult:
    """Landing files archived byte for byte under their SHA-256 and entered in the receipts journal."""
    home = mpo_home.home()
    receipts = receive_landing(home, set(config.landing_keys) or None, config.settle_seconds)
    context.log.info(f"received {len(receipts)} files")
    return dg.MaterializeResult(metadata={"files_received": len(receipts)})


@dg.asset(group_name="collection", kinds={"duckdb"}, deps=[received_returns], pool=WRITER_POOL)
def collection_store(context: dg.AssetExecutionContext, mpo_home: MpoHomeResource) -> dg.MaterializeResult:
    """Every submission decided and validated; accepted rows, issues and reports written."""
    home = mpo_home.home()
    summary = collect(home)
    context.log.info(summary.describe())
    return dg.MaterializeResult(metadata={
        "store_version": summary.store_version,
        **{f"submissions_{status.lower()}": count for status, count in summary.statuses.items()},
    })
