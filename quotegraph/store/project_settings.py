"""Settings of the project (the store), kept in its ``meta`` table so a backup carries them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import Meta
from quotegraph.team.permissions import SETTINGS, require

# Whether the machine suggests positions (urged, pledged, opposes, "a poll found") as well as
# reported speech. On unless the team turns it off.
POSITION_SUGGESTIONS_KEY = "setting.position_suggestions"
_ON, _OFF = "on", "off"


def position_suggestions_on(session: Session) -> bool:
    """True when the project wants position suggestions (read inside ``session``)."""
    row = session.get(Meta, POSITION_SUGGESTIONS_KEY)
    return row is None or row.value != _OFF


def position_suggestions_enabled(store: Store) -> bool:
    """True when the project wants position suggestions."""
    with store.session() as session:
        return position_suggestions_on(session)


def write_position_suggestions(session: Session, enabled: bool) -> None:
    """Store the position-suggestion setting (inside ``session``)."""
    value = _ON if enabled else _OFF
    row = session.get(Meta, POSITION_SUGGESTIONS_KEY)
    if row is None:
        session.add(Meta(key=POSITION_SUGGESTIONS_KEY, value=value))
    else:
        row.value = value


# Team coding. Double coding: articles given to two or more coders are coded by each in their own
# layer. Blind: a coder does not see another coder's layer (on unless the project allows it).
DOUBLE_CODING_KEY = "setting.double_coding"
OVERLAP_SHARE_KEY = "setting.overlap_share"
BLIND_MODE_KEY = "setting.blind_mode"
DEFAULT_OVERLAP_SHARE = 0.2


def _read(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return None if row is None else row.value


def _write(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def double_coding_on(session: Session) -> bool:
    """True when the project is double coded (off unless an admin turns it on)."""
    return _read(session, DOUBLE_CODING_KEY) == _ON


def blind_mode_on(session: Session) -> bool:
    """True when coders may not see each other's layers (on unless the project allows it)."""
    return _read(session, BLIND_MODE_KEY) != _OFF


def overlap_share(session: Session) -> float:
    """The share of assigned articles that go to more than one coder (0..1)."""
    value = _read(session, OVERLAP_SHARE_KEY)
    return DEFAULT_OVERLAP_SHARE if value is None else float(value)


def check_overlap_share(value: object) -> float:
    """``value`` as a share between 0 and 1, or ValueError saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"the overlap share must be a number from 0 to 1, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class TeamSettings:
    """The project's team-coding settings as one value, for a settings form."""

    double_coding: bool = False
    overlap_share: float = DEFAULT_OVERLAP_SHARE
    blind: bool = True


def team_settings(store: Store) -> TeamSettings:
    """The project's double coding, overlap share and blind mode."""
    with store.session() as session:
        return TeamSettings(
            double_coding_on(session), overlap_share(session), blind_mode_on(session)
        )


def write_team_settings(store: Store, settings: TeamSettings, *, who: str) -> TeamSettings:
    """Store the team-coding settings (an admin's write: ``PermissionDenied`` for anyone else)."""
    share = check_overlap_share(settings.overlap_share)
    with store.session(write=True) as session:
        require(session, who, SETTINGS)
        _write(session, DOUBLE_CODING_KEY, _ON if settings.double_coding else _OFF)
        _write(session, OVERLAP_SHARE_KEY, repr(share))
        _write(session, BLIND_MODE_KEY, _ON if settings.blind else _OFF)
    return TeamSettings(settings.double_coding, share, settings.blind)
