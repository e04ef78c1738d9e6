"""The page tree drawn for a terminal: rows of Rich text, laid out at a width. No Textual."""
