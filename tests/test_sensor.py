"""The landing sensor, evaluated with Dagster's own test utilities."""

import json
import os
import time

import dagster as dg

from mpo.collection.receive import receive_landing
from pipelines.sensors import landing_sensor


def land(home, name: str, content: bytes) -> str:
    path = home.landing / name
    path.write_bytes(content)
    stamp = time.time() - 60
    os.utime(path, (stamp, stamp))
    stat = path.stat()
    return f"{name}|{stat.st_size}|{stat.st_mtime_ns}"


def tick(instance, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    data = landing_sensor.evaluate_tick(context)
    return data.run_requests, data.cursor


def requested_keys(request) -> list[str]:
    return request.run_config["ops"]["received_returns"]["config"]["landing_keys"]


def test_a_file_is_requested_once_its_size_is_stable_across_two_ticks(home):
    with dg.instance_for_test() as instance:
        key = land(home, "MPR_10000001_2025-26_20260110T090000.zip", b"complete")
        requests, cursor = tick(instance, None)
        assert requests == []
        assert json.loads(cursor)["pending"] == {"MPR_10000001_2025-26_20260110T090000.zip": key}
        requests, cursor = tick(instance, cursor)
        assert [requested_keys(r) for r in requests] == [[key]]
        assert requests[0].run_config["ops"]["received_returns"]["config"]["settle_seconds"] == 0
        requests, _ = tick(instance, cursor)
        assert requests == []  # requested, not yet received: not asked for twice


def test_a_growing_file_waits_and_the_run_key_is_stable_for_the_same_batch(home):
    with dg.instance_for_test() as instance:
        land(home, "a.zip", b"part")
        _, cursor = tick(instance, None)
        grown = land(home, "a.zip", b"part and the rest")
        requests, cursor_after_growth = tick(instance, cursor)
        assert requests == []
        first, _ = tick(instance, cursor_after_growth)
        second, _ = tick(instance, cursor_after_growth)
        assert [requested_keys(r) for r in first] == [[grown]]
        assert first[0].run_key == second[0].run_key


def test_received_files_are_never_requested_and_a_corrected_file_under_an_old_name_is(home):
    with dg.instance_for_test() as instance:
        land(home, "a.zip", b"v1")
        receive_landing(home)
        _, cursor = tick(instance, None)
        requests, cursor = tick(instance, cursor)
        assert requests == []
        corrected = land(home, "a.zip", b"v2, corrected")
        _, cursor = tick(instance, cursor)
        requests, _ = tick(instance, cursor)
        assert [requested_keys(r) for r in requests] == [[corrected]]
