"""Library: every article in the store; search, open for annotation, delete, add more."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.article_table import (
    article_actions,
    article_table,
    confirm_delete,
    take_confirmed_delete,
)
from components.plain_text import escape_markdown
from quotegraph.articles import delete_article, list_articles
from resources import get_store

ANNOTATE_PAGE = "pages/annotate.py"
DELETE_KEY = "library.delete"

store = get_store()
st.title("Library")

deleted = take_confirmed_delete(key=DELETE_KEY)
if deleted is not None and delete_article(store, deleted.id):
    st.success(f"Deleted {escape_markdown(deleted.title)}.", icon=":material/delete:")

search = st.text_input(
    "Search", key="library.search", placeholder="Words in the title, source or text"
)
articles = list_articles(store, search)
if not articles:
    st.info("No article matches this search." if search.strip() else "No articles yet.")
else:
    st.caption(f"{len(articles)} article(s)")
    article_table(articles, key="library.table")
    can_open = (Path(__file__).resolve().parent.parent / ANNOTATE_PAGE).exists()
    intent = article_actions(articles, key="library.actions", can_open=can_open)
    if intent is not None and intent.action == "open":
        st.session_state["article_id"] = intent.article.id
        st.switch_page(ANNOTATE_PAGE, query_params={"article": str(intent.article.id)})
    elif intent is not None and intent.action == "delete":
        confirm_delete(intent.article, key=DELETE_KEY)
