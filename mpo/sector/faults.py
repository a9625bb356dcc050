"""Faulty variants of a return: one function per ERROR rule of spec section 4, each tripping that rule alone.

An ERROR fault changes a copy of a valid return so that exactly its rule fires (``also_allowed``
names rules the spec lets the validator report too, e.g. VAL01 for a mentor_ref with an ``@``).
Warnings live in ``mpo.sector.warning_faults``. SUB01 and SUB04 are not changes to a return but
returns nobody may send (see ``mpo.sector.plan``); FILE02 is a bad name (``bad_return_name``);
FILE03 (larger than 20 MB) is only written when asked (``oversize``).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta

from mpo.sector.edits import (
    Damage,
    Fault,
    FaultContext,
    Faulted,
    at,
    copy_parts,
    set_value,
    training_row,
    with_row,
)
from mpo.sector.render import Layout
from mpo.sector.returns import Parts
from mpo.sector.warning_faults import WARNING_FAULTS
from schemas.rules import ERROR, RULES


def _rewrite_members(change: Callable[[str, bytes], tuple[str, bytes]], stored: bool = False) -> Damage:
    """Damage that rewrites each member of a zip (keeping its timestamp) through ``change``."""

    def damage(data: bytes) -> bytes:
        source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                name, body = change(info.filename, source.read(info))
                entry = zipfile.ZipInfo(name, date_time=info.date_time)
                entry.compress_type = out.compression
                out.writestr(entry, body)
        return target.getvalue()

    return damage


def _file01(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    variant = rng.choice(("truncated", "not_a_container", "path_member"))
    if variant == "path_member":  # a member that leaves the archive root makes the file FILE01
        return Faulted(
            parts,
            container="zip",
            damage=_rewrite_members(
                lambda name, body: ("../" + name if name.lower().startswith("about") else name, body)
            ),
        )
    if variant == "truncated":
        return Faulted(parts, damage=lambda data: data[: len(data) // 2])
    page = (
        f"<html><body>Session expired ({context.ukprn} {context.year} {context.stamp:%H%M%S})</body></html>"
    )
    return Faulted(parts, damage=lambda data: page.encode())


def _file07(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    # "Unicode text" from a spreadsheet is UTF-16: never valid UTF-8.
    return Faulted(
        parts,
        container="zip",
        damage=_rewrite_members(
            lambda name, body: (
                name,
                body.decode("utf-8").encode("utf-16") if "mentor_pool" in name.lower() else body,
            )
        ),
    )


def _sub02(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    variant = rng.choice(("year", "ukprn", "two_rows"))
    if variant == "two_rows":
        return Faulted(with_row(parts, "about", list(parts["about"][0])))
    value = context.other_year if variant == "year" else context.ukprn + 1
    return Faulted(set_value(parts, "about", 0, variant, value))


def _val(values: dict[str, tuple[object, ...]]) -> Callable[[Parts, random.Random, FaultContext], Faulted]:
    """A fault that writes one of ``values`` into a mentor's column."""

    def fault(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
        column = rng.choice(sorted(values))
        row = rng.randrange(len(parts["mentor_pool"]))
        return Faulted(set_value(parts, "mentor_pool", row, column, rng.choice(values[column])))

    return fault


def _mp02(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    old = parts["mentor_pool"][0][0]
    new = rng.choice(("jsmith@college.ac", "Jane Smith", "a.khan@fe.org"))
    for part in ("mentor_pool", "remuneration", "training"):
        for row in parts[part]:
            row[0] = new if row[0] == old else row[0]
    return Faulted(parts, also_allowed=("VAL01",))  # the spec lets an @ or space also count as VAL01


def _rm02(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    row = rng.randrange(len(parts["remuneration"]))
    if rng.random() < 0.5:
        del parts["remuneration"][row]
    else:
        parts["remuneration"].append(list(parts["remuneration"][row]))
    return Faulted(parts)


def _rm03(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    row = parts["remuneration"][0]
    column, value = {
        "REMISSION": ("remitted_hours", None),
        "BOTH": ("payment_basis", None),
        "PAYMENT": ("payment_basis", None),
        "NONE": ("remitted_hours", 12.0),
    }[row[1]]
    return Faulted(set_value(parts, "remuneration", 0, column, value))


def _rm05(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    held = {row[0] for row in parts["funding"]}
    missing = [s for s in ("MENTOR_GRANT", "PARTNERSHIP_GRANT", "OTHER", "ITT_ALLOCATION") if s not in held]
    if not missing:  # holds every stream: drop OTHER, which no mentor is paid from
        parts["funding"] = [row for row in parts["funding"] if row[0] != "OTHER"]
        missing = ["OTHER"]
    return Faulted(set_value(parts, "remuneration", 0, "funding_stream", rng.choice(missing)))


def _fn01(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    rows = parts["funding"]
    own = [row for row in rows if row[0] == "OWN"] or [["OWN", 100_000, 0, 0, 0, 0, 0, 0, 0, False]]
    parts["funding"] = rows + own * (2 if own[0] not in rows else 1)
    return Faulted(parts)


def _ab01(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    about = parts["about"][0]
    column, total = rng.choice(
        (
            ("trainees_with_mentor", "trainee_teachers"),
            ("new_staff_with_mentor", "new_staff"),
            ("leavers", "teaching_staff"),
            ("mentored_staff", "teaching_staff"),
        )
    )
    return Faulted(set_value(parts, "about", 0, column, about[at("about", total)] + rng.randint(1, 5)))


ERROR_FAULTS: dict[str, Fault] = {
    "FILE01": _file01,
    "FILE04": lambda parts, rng, context: Faulted(parts, Layout(missing_parts=frozenset({"training"}))),
    "FILE05": lambda parts, rng, context: Faulted(
        parts,
        Layout(
            missing_columns={
                "mentor_pool": frozenset({rng.choice(("selection", "is_learning_coach", "contexts"))})
            }
        ),
    ),
    "FILE07": _file07,
    "SUB02": _sub02,
    "VAL01": _val(
        {
            "employed_role": ("Manager", "HEAD"),
            "subject_area": ("Maths", "six"),
            "is_learning_coach": ("maybe", "sometimes"),
            "start_date": ("31/12/2019", "last year"),
        }
    ),
    "VAL02": _val({"subject_area": (0, 16, 19), "meetings_per_term": (61.0, 75.0, 90.0)}),
    "VAL03": _val(
        {
            "employed_role": (None,),
            "selection": (None,),
            "is_learning_coach": (None,),
            "subject_area": (None,),
        }
    ),
    "MP01": lambda parts, rng, context: Faulted(
        with_row(parts, "mentor_pool", list(parts["mentor_pool"][0]))
    ),
    "MP02": _mp02,
    "RM01": lambda parts, rng, context: Faulted(
        with_row(parts, "remuneration", ["LEFT-2019", *parts["remuneration"][0][1:]])
    ),
    "RM02": _rm02,
    "RM03": _rm03,
    "RM05": _rm05,
    "TR01": lambda parts, rng, context: Faulted(with_row(parts, "training", training_row("LEFT-2019"))),
    "TR02": lambda parts, rng, context: Faulted(
        with_row(
            parts,
            "training",
            training_row(parts["mentor_pool"][0][0], **rng.choice(({"accredited": True}, {"level": 5}))),
        )
    ),
    "TR03": lambda parts, rng, context: Faulted(
        with_row(
            parts,
            "training",
            training_row(
                parts["mentor_pool"][0][0],
                status="COMPLETED",
                start_date=context.stamp.date() - timedelta(days=30),
                completion_date=rng.choice((None, context.stamp.date() - timedelta(days=60))),
            ),
        )
    ),
    "TR04": lambda parts, rng, context: Faulted(
        with_row(
            parts,
            "training",
            training_row(parts["mentor_pool"][0][0], status=rng.choice(("DECLINED", "WITHDRAWN"))),
        )
    ),
    "FN01": _fn01,
    "AB01": _ab01,
}


# Rules a return can break and still be fixed by a resubmission; SUB01, SUB04 and FILE03 are planned apart.
CORRECTABLE_ERRORS = ("FILE02", *ERROR_FAULTS)
SEPARATE_ERRORS = ("SUB01", "SUB04", "FILE03")


def inject(rule: str, parts: Parts, rng: random.Random, context: FaultContext) -> Faulted | None:
    """A copy of ``parts`` carrying ``rule`` (None: a warning that does not apply); FILE02 is a name."""
    catalogue = ERROR_FAULTS if RULES[rule].severity == ERROR else WARNING_FAULTS
    if rule in ("FILE02", "SUB01", "SUB04"):
        return Faulted(copy_parts(parts))
    return catalogue[rule](copy_parts(parts), rng, context)


def bad_return_name(ukprn: int, year: str, stamp: datetime, container: str, rng: random.Random) -> str:
    """A file name that breaks spec section 1 (FILE02) the ways people break it."""
    return rng.choice(
        (
            f"MPR_{ukprn}_{year}.{container}",
            f"MPR_{ukprn}_{year[:4]}-20{year[5:]}_{stamp:%Y%m%dT%H%M%S}.{container}",
            f"mpr_{ukprn}_{year}_{stamp:%Y%m%dT%H%M%S}.{container}",
            f"Mentoring return {year} final ({ukprn}).{container}",
            f"MPR_{ukprn}_{year}_{stamp:%d%m%Y}.{container}",
        )
    )


def oversize(parts: Parts) -> Faulted:
    """FILE03: a zip over 20 MB of valid CSV, stored uncompressed (a ratio of 1, not a zip bomb)."""
    offer = training_row(parts["mentor_pool"][0][0], programme_name="Mentor briefing " + "x" * 100)
    parts = copy_parts(parts)
    parts["training"] += [list(offer) for _ in range(170_000)]
    return Faulted(
        parts, container="zip", damage=_rewrite_members(lambda name, body: (name, body), stored=True)
    )
