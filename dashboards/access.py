"""Who is looking: the three audiences of spec section 6, decided on the server, never by the browser.

The audience comes from the environment of the Streamlit server process (``serve_dashboard`` sets
it at launch). Nothing a visitor can send (URL parameters, widget state) changes it. When nothing
was set the app falls back to ``public``: the audience that sees least.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

AUDIENCE_VARIABLE = "MPO_DASHBOARD_AUDIENCE"
DEFAULT_AUDIENCE = "public"
_PARTNERSHIP_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")

Kind = Literal["national", "partnership", "public"]


class AudienceError(ValueError):
    """The audience text is not one of national, partnership:<code> or public."""


class UnknownPartnership(AudienceError):
    """A partnership audience names a partnership that the published warehouse does not know."""


class NotForAudience(PermissionError):
    """The data asked for is not shown to this audience (e.g. provider rows to the public)."""


@dataclass(frozen=True)
class Audience:
    kind: Kind
    partnership_code: str | None = None

    @property
    def names_providers(self) -> bool:
        """National and partnership audiences see provider names (a partnership: its members only)."""
        return self.kind != "public"

    @property
    def is_public(self) -> bool:
        return self.kind == "public"

    @property
    def is_partnership(self) -> bool:
        return self.kind == "partnership"

    def describe(self) -> str:
        if self.kind == "partnership":
            return f"partnership {self.partnership_code}"
        return {"national": "national bodies", "public": "the public"}[self.kind]

    def __str__(self) -> str:
        return f"partnership:{self.partnership_code}" if self.kind == "partnership" else self.kind


def parse_audience(text: str) -> Audience:
    """``national``, ``public`` or ``partnership:<code>`` (case-insensitive kind, code upper-cased)."""
    cleaned = (text or "").strip()
    kind, _, code = cleaned.partition(":")
    kind = kind.lower()
    if kind in ("national", "public") and not code:
        return Audience(kind)  # type: ignore[arg-type]
    if kind == "partnership":
        code = code.strip()
        if not _PARTNERSHIP_CODE.match(code):
            raise AudienceError(f"partnership audience needs a code, e.g. partnership:P1 (got {text!r})")
        return Audience("partnership", code.upper())
    raise AudienceError(f"unknown audience {text!r}: use national, partnership:<code> or public")


def server_audience() -> Audience:
    """The audience this server was started for (see module docstring)."""
    return parse_audience(os.environ.get(AUDIENCE_VARIABLE) or DEFAULT_AUDIENCE)


def check_partnership_exists(audience: Audience, known_codes: set[str]) -> None:
    """A partnership audience must name a partnership of the published reference data."""
    if audience.is_partnership and audience.partnership_code not in known_codes:
        known = ", ".join(sorted(known_codes)) or "none published"
        raise UnknownPartnership(
            f"partnership {audience.partnership_code!r} is not in the published warehouse (known: {known})"
        )
