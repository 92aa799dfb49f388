"""Taking it away: statements as CSV and JSONL (``formats``), the actor table and a Library
selection (``tables``), the network an export counts (``network_exports``) as GraphML and GEXF
(``gephi_files``), one network per time window (``windows``), Discourse Network Analyzer files
(``dna_export``) and lossless backups (``backup``)."""
