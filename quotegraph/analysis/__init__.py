"""The machine's first pass: spaCy's parse (``nlp``), quotation marks (``quotes``), statements
and speakers (``extraction``), how actor names are written (``actor_names``), actor identity
(``actors``, ``actor_resolution``), and storing an article's analysis without touching what a
person decided (``first_pass``)."""
