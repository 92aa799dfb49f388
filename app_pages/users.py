"""Users: the project's accounts, for admins. Add an account, change a role, reset a password,
switch an account off (never delete: its changes keep its name)."""

from __future__ import annotations

import streamlit as st

from components.annotator import annotator_gate, user_may
from components.plain_text import escape_markdown
from quotegraph.team import accounts
from quotegraph.team.permissions import MANAGE_USERS, ROLES
from resources import get_store

FLASH = "users.flash"

store = get_store()
st.title("Users")
admin = annotator_gate()
if admin is None:
    st.stop()
if not user_may(MANAGE_USERS):
    st.info("Only an admin manages the project's accounts.", icon=":material/lock:")
    st.stop()


def attempt(action, done: str) -> None:  # noqa: ANN001 (a zero-argument callable)
    """Run one account change; say on the next draw what happened, in one line."""
    try:
        action()
    except ValueError as problem:  # PermissionDenied included
        st.session_state[FLASH] = ("error", f"**Not saved:** {escape_markdown(str(problem))}")
        return
    st.session_state[FLASH] = ("success", done)


message = st.session_state.pop(FLASH, None)
if message is not None:
    getattr(st, message[0])(message[1])

everyone = accounts.list_accounts(store)
st.dataframe(
    [
        {
            "Name": account.name,
            "Role": account.role,
            "Active": account.active,
            "Email": account.email or "",
            "Signs in with": "password" if account.has_password else "single sign-on only",
        }
        for account in everyone
    ],
    hide_index=True,
    width="stretch",
)
st.caption(
    "Admins do everything; coders code the articles assigned to them (or every article when "
    "none is assigned) and edit the codebook; viewers read and export."
)

add_column, change_column = st.columns(2, gap="large")
with add_column, st.form("users.add", clear_on_submit=True):
    st.subheader("Add an account")
    name = st.text_input("Name", max_chars=accounts.MAX_NAME_CHARS)
    email = st.text_input("Email (optional; needed for single sign-on)")
    role = st.selectbox("Role", ROLES, index=ROLES.index("coder"))
    password = st.text_input(
        "Password (leave empty for a single-sign-on-only account)", type="password"
    )
    if st.form_submit_button("Add", type="primary", icon=":material/person_add:"):
        attempt(
            lambda: accounts.create_user(
                store, name, role=role, password=password or None, email=email or None, by=admin
            ),
            f"Added **{escape_markdown(' '.join(name.split()))}** ({role}).",
        )
        st.rerun()

with change_column:
    st.subheader("Change an account")
    names = [account.name for account in everyone]
    chosen = st.selectbox("Account", names, key="users.chosen")
    current = next((account for account in everyone if account.name == chosen), None)
    if current is not None:
        shown = escape_markdown(current.name)
        with st.form("users.role"):
            new_role = st.selectbox("Role", ROLES, index=ROLES.index(current.role))
            if st.form_submit_button("Change the role"):
                attempt(
                    lambda: accounts.set_role(store, current.name, new_role, by=admin),
                    f"**{shown}** is now {new_role}.",
                )
                st.rerun()
        with st.form("users.password", clear_on_submit=True):
            new_password = st.text_input("New password", type="password")
            if st.form_submit_button("Reset the password"):
                attempt(
                    lambda: accounts.set_password(store, current.name, new_password, by=admin),
                    f"The password of **{shown}** is reset.",
                )
                st.rerun()
        switch_label = "Switch off" if current.active else "Switch on again"
        if st.button(switch_label, key="users.switch", icon=":material/power_settings_new:"):
            attempt(
                lambda: accounts.set_active(store, current.name, not current.active, by=admin),
                f"**{shown}** is switched {'off' if current.active else 'on'}.",
            )
            st.rerun()
