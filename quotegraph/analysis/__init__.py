"""The machine's first pass: spaCy's parse (``nlp``), quotation marks (``quotes``), statements
and speakers (``extraction``), actor names and identity (``actors``, ``actor_resolution``), and
storing an article's analysis without touching what a person decided (``first_pass``)."""
