"""What analysts decide and the machine suggests for it: statements and their undoable change
log (``statements``), the codebook (``codebook``), concept and stance suggestions learned from
the team's coding (``coding_model``, ``coding_suggestions``), and the tidy table of statements
that Explore and Export read (``statement_table``)."""
