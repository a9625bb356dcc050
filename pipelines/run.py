"""`mpo process`: the processing job, run once in this process over whatever is in landing."""

from __future__ import annotations

import contextlib
import errno
import shutil
from dataclasses import dataclass
from datetime import datetime

import dagster as dg

from mpo.config import MpoHome
from pipelines.resources import MpoHomeResource


@dataclass(frozen=True)
class ProcessOutcome:
    ok: bool
    lines: list[str]

    def describe(self) -> str:
        return "\n".join(self.lines)


# Below this much free space a failed run is put down to a full disk (DuckDB and dbt do not always say).
LOW_SPACE_BYTES = 16_000_000


def disk_full_line(home: MpoHome) -> str:
    free = shutil.disk_usage(home.root).free
    return (f"FAILED: the disk holding MPO_HOME is full ({free:,} bytes free): free some space and run "
            "again; the published warehouse and the archive are as they were")


def process_landing(home: MpoHome, settle_seconds: float = 1.0) -> ProcessOutcome:
    """Run the job in-process; a failure of the system (not a rejected return) makes ``ok`` false.

    A full disk is said in so many words, whichever step ran out of space.
    """
    try:
        outcome = _process_landing(home, settle_seconds)
    except OSError as error:
        if error.errno != errno.ENOSPC:
            raise
        return ProcessOutcome(False, [disk_full_line(home)])
    text = "\n".join(outcome.lines)
    if not outcome.ok and ("No space left" in text or shutil.disk_usage(home.root).free < LOW_SPACE_BYTES):
        outcome.lines.append(disk_full_line(home))
    return outcome


def _process_landing(home: MpoHome, settle_seconds: float) -> ProcessOutcome:
    from pipelines.definitions import defs  # loading the definitions parses the dbt project if needed

    job = defs.resolve_job_def("process_returns")
    log = home.state / "logs" / f"process-{datetime.now():%Y%m%dT%H%M%S%f}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    # dagster-dbt echoes every dbt log line to stdout and Dagster notes skipped checks on stderr;
    # a person wants the summary below, the file keeps the rest.
    with (open(log, "w", encoding="utf-8") as details, contextlib.redirect_stdout(details),
          contextlib.redirect_stderr(details)):
        result = _execute(job, home, settle_seconds)
    lines = _summary(result)
    if result.success and not any("published_warehouse" in line for line in lines):
        lines.append("published warehouse: already up to date")
    lines.append(f"details: {log}")
    return ProcessOutcome(result.success, lines)


def _execute(job: dg.JobDefinition, home: MpoHome, settle_seconds: float) -> dg.ExecuteInProcessResult:
    return job.execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        run_config={
            "ops": {"received_returns": {"config": {"settle_seconds": settle_seconds}}},
            # The summary below is what a person running `mpo process` needs; step-level chatter is in the UI.
            "loggers": {"console": {"config": {"log_level": "ERROR"}}},
        },
        resources={"mpo_home": MpoHomeResource(root=str(home.root))},
        raise_on_error=False,
    )


def _summary(result: dg.ExecuteInProcessResult) -> list[str]:
    lines = []
    for event in result.all_events:
        if event.is_step_materialization:
            materialization = event.event_specific_data.materialization
            if materialization.asset_key.path[-1] in ("received_returns", "collection_store",
                                                      "published_warehouse"):
                facts = ", ".join(f"{k}={v.value}" for k, v in materialization.metadata.items())
                lines.append(f"{materialization.asset_key.to_user_string()}: {facts}")
        elif event.is_step_failure:
            lines.append(f"FAILED {event.step_key}: {event.event_specific_data.error.message.strip()}")
    return lines
