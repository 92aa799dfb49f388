"""Settings of the project (the store), kept in its ``meta`` table so a backup carries them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from quotegraph.store.db import Store
from quotegraph.store.models import Meta

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
