"""Team coding: accounts and roles, assignments, coder layers, agreement and adjudication."""
