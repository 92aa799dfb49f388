"""Taking it away: CSV, JSONL, GraphML and GEXF (``formats``), one network per time window
(``windows``), Discourse Network Analyzer files (``dna_export``) and lossless backups
(``backup``)."""
