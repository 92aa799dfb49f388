"""What analysts decide and the machine suggests for it: statements and their checks
(``statements``), the change log behind every decision (``changes``), undo, redo and history
(``history``), bulk accept and reject (``decisions``), the codebook (``codebook`` for its shared
editing rules, ``codebook_concepts``, ``stance_scale``, ``codebook_actors``), concept and stance
suggestions learned from the team's coding (``coding_model``, ``coding_suggestions``), and the
tidy table of statements that Explore and Export read (``statement_table``)."""
