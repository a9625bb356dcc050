"""Fault injection for the crash-safety tests: a named checkpoint that can kill this process.

``MPO_FAULT_POINT=<name>:<n>`` makes the n-th call of ``checkpoint(<name>)`` in this process send
SIGKILL, like a power cut: no ``finally``, no flush, no clean-up. When the process leads its process
group (the tests start runs with ``start_new_session=True``) the whole group dies, so a dbt child
dies with its run as it would when the machine goes down. Unset (always, outside the tests), a
checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

FAULT_POINT_VARIABLE = "MPO_FAULT_POINT"

_calls: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Die here if the environment asks for this checkpoint's current call."""
    wanted = os.environ.get(FAULT_POINT_VARIABLE)
    if not wanted:
        return
    _calls[name] += 1
    point, _, nth = wanted.rpartition(":")
    if point == name and _calls[name] == int(nth):
        if os.getpgrp() == os.getpid():
            os.killpg(os.getpid(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)
