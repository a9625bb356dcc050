"""The audit log: an append-only JSON-lines record of what happened to every file, with time and SHA-256."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any


def record_events(path: Path, events: Iterable[Mapping[str, Any]]) -> None:
    """Append events (each with at least ``event``); written and flushed to disk together."""
    at = datetime.now().isoformat()
    lines = "".join(json.dumps({"at": at, **event}, default=str, sort_keys=True) + "\n" for event in events)
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as log:
        log.write(lines)
        log.flush()
        os.fsync(log.fileno())
