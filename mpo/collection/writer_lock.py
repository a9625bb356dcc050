"""One writer at a time: an exclusive lock on the data root, held while anything writes to it."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from mpo.config import MpoHome


@contextmanager
def writer_lock(home: MpoHome) -> Iterator[None]:
    """Wait for and hold the writer lock; the kernel releases it if the process dies."""
    home.state.mkdir(parents=True, exist_ok=True)
    with open(home.state / "writer.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
