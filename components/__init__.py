"""Reusable Streamlit pieces. Each takes plain data and returns the user's intent; none opens the
database (pages do that, through ``resources``)."""
