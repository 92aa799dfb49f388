"""The command line's commands, one module per command (``python -m quotegraph COMMAND``);
``quotegraph.cli`` wires them into the parser. ``common`` holds what they share."""
