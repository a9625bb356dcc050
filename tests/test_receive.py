"""Receiving files: archived byte for byte under their SHA-256, journalled once, never lost."""

import hashlib
import os
import time

from mpo.collection.journal import read_receipts
from mpo.collection.receive import archive_path, receive_landing


def land(home, name: str, content: bytes, age_seconds: float = 60) -> None:
    path = home.landing / name
    path.write_bytes(content)
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))


def test_each_file_is_archived_byte_for_byte_under_its_sha256_and_journalled(home):
    land(home, "MPR_10000001_2025-26_20260110T090000.zip", b"first return")
    land(home, "notes.txt", b"\x00\xffanything at all")
    receipts = receive_landing(home)
    assert [r.seq for r in receipts] == [1, 2]
    for receipt in receipts:
        archived = archive_path(home.archive, receipt.sha256, receipt.file_name)
        assert archived.read_bytes() == (home.landing / receipt.file_name).read_bytes()
        assert receipt.sha256 == hashlib.sha256(archived.read_bytes()).hexdigest()
    assert read_receipts(home.receipts_journal) == receipts


def test_a_file_is_received_once_until_it_changes(home):
    land(home, "MPR_10000001_2025-26_20260110T090000.zip", b"v1")
    assert len(receive_landing(home)) == 1
    assert receive_landing(home) == []
    land(home, "MPR_10000001_2025-26_20260110T090000.zip", b"v2 corrected", age_seconds=30)
    again = receive_landing(home)
    assert [(r.seq, r.size_bytes) for r in again] == [(2, len(b"v2 corrected"))]


def test_a_file_still_being_written_waits_for_a_later_run(home):
    land(home, "MPR_10000001_2025-26_20260110T090000.zip", b"partial", age_seconds=0)
    assert receive_landing(home, settle_seconds=5) == []
    assert not home.receipts_journal.exists() or read_receipts(home.receipts_journal) == []


def test_only_the_requested_files_are_picked_up(home):
    land(home, "a.zip", b"a")
    land(home, "b.zip", b"b")
    wanted = {f"a.zip|1|{(home.landing / 'a.zip').stat().st_mtime_ns}"}
    assert [r.file_name for r in receive_landing(home, only=wanted)] == ["a.zip"]


def test_a_torn_last_journal_line_is_ignored_and_repaired(home):
    land(home, "a.zip", b"a")
    receive_landing(home)
    with open(home.receipts_journal, "a") as journal:
        journal.write('{"seq": 2, "file_na')  # a crash in the middle of an append
    land(home, "b.zip", b"b")
    receipts = receive_landing(home)
    assert [r.seq for r in receipts] == [2]
    assert [r.file_name for r in read_receipts(home.receipts_journal)] == ["a.zip", "b.zip"]
