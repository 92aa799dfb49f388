"""The store: engine and migrations (``db``, ``migrations``), the schema (``models``), articles
(``articles``) and the integrity check (``integrity``)."""
