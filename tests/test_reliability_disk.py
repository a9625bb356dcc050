"""A full disk: the run fails clearly and leaves the published warehouse and the archive intact.

MPO_HOME lives on a small tmpfs mounted for the test; the free space left before the second run
decides where it runs out (archive, store, build, publication).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest

from mpo.collection.journal import read_receipts
from mpo.collection.receive import archive_path
from tests.reliability_sector import copy_home, deliver, file_statuses, held_sector, published_rows, run_mpo

pytestmark = pytest.mark.slow

FREE_BYTES = [0, 600_000, 9_000_000]  # runs out while archiving, while storing or building, while publishing


@pytest.fixture(scope="module")
def small_disk(tmp_path_factory):
    mount_point = tmp_path_factory.mktemp("tmpfs")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a size-limited tmpfs here (needs root): {mounted.stderr.strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    """A home, off the small disk, whose first batch is published and whose second is held back."""
    home, batches = held_sector(tmp_path_factory.mktemp("disk") / "home", providers=12, batches=2)
    deliver(home, batches[0])
    assert run_mpo(home, "process").returncode == 0
    return home, batches[1]


def archive_is_intact(home) -> int:
    receipts = read_receipts(home.receipts_journal)
    for receipt in receipts:
        content = archive_path(home.archive, receipt.sha256, receipt.file_name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == receipt.sha256
    return len(receipts)


@pytest.mark.parametrize("free", FREE_BYTES)
def test_a_run_that_fills_the_disk_fails_clearly_and_harms_nothing(small_disk, published_once, free, say):
    template, second = published_once
    home = copy_home(template, small_disk / f"home-{free}")
    before, statuses = published_rows(home), file_statuses(home)
    deliver(home, second)
    filler = home.root / "filler"
    with open(filler, "wb") as handle:
        handle.truncate(0)
        left = shutil.disk_usage(small_disk).free - free
        while left > 0:
            chunk = min(left, 1 << 20)
            handle.write(b"\0" * chunk)
            left -= chunk
    run = run_mpo(home, "process")
    output = run.stdout + run.stderr
    if run.returncode == 0:  # enough room after all: nothing to prove at this level
        pytest.skip(f"{free} bytes free were enough for the run")
    assert "disk holding MPO_HOME is full" in output, output[-3000:]
    assert published_rows(home) == before
    files = archive_is_intact(home)
    filler.unlink()
    assert run_mpo(home, "process").returncode == 0  # with room again, the run completes
    assert set(statuses.items()) < set(file_statuses(home).items())
    archive_is_intact(home)
    say(f"disk full with {free} bytes free: failed clearly, {files} archived files intact, recovered")
    shutil.rmtree(home.root)
