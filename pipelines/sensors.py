"""The landing sensor: a run for each batch of new, complete files in MPO_HOME/landing."""

from __future__ import annotations

import hashlib
import json
import time

import dagster as dg

from mpo.collection.journal import read_receipts
from mpo.collection.receive import list_landing
from mpo.config import MpoHome
from pipelines.jobs import process_returns

# A requested file not received by then (its run failed before archiving it) is requested again.
REQUEST_RETRY_SECONDS = 600


def landing_requests(home: MpoHome, cursor: dict, now: float) -> tuple[list[str], dict]:
    """Landing keys ready for a run and the next cursor.

    A file is ready when its size and modification time are the same at two ticks running (so a
    file still being written waits), it is not in the receipts journal, and no recent run asked for it.
    Keys are name+size+mtime, so a corrected file under an old name is a new key.
    """
    received = {receipt.landing_key for receipt in read_receipts(home.receipts_journal)}
    requested = {key: at for key, at in cursor.get("requested", {}).items()
                 if key not in received and now - at < REQUEST_RETRY_SECONDS}
    seen_last_tick = cursor.get("pending", {})
    ready, pending = [], {}
    for landed in list_landing(home.landing):
        key = landed.landing_key
        if key in received or key in requested:
            continue
        if seen_last_tick.get(landed.name) == key:
            ready.append(key)
        else:
            pending[landed.name] = key
    requested.update({key: now for key in ready})
    return ready, {"pending": pending, "requested": requested}


@dg.sensor(job=process_returns, minimum_interval_seconds=5, default_status=dg.DefaultSensorStatus.RUNNING)
def landing_sensor(context: dg.SensorEvaluationContext):
    """Watch MPO_HOME/landing and start the processing job for files that have finished arriving."""
    now = time.time()
    ready, cursor = landing_requests(MpoHome.from_env(), json.loads(context.cursor or "{}"), now)
    if ready:
        # Stable for the same batch at the same attempt; a retry after REQUEST_RETRY_SECONDS gets a new key.
        batch = "\n".join(sorted(ready)) + f"\n{int(now // REQUEST_RETRY_SECONDS)}"
        yield dg.RunRequest(
            run_key=hashlib.sha256(batch.encode()).hexdigest()[:20],
            run_config={"ops": {"received_returns": {
                "config": {"landing_keys": ready, "settle_seconds": 0}}}},
            tags={"mpo/files": str(len(ready))},
        )
    context.update_cursor(json.dumps(cursor, sort_keys=True))
