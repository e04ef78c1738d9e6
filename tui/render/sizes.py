"""Terminal sizes the layout changes at: plain numbers, shared by the screen and its widgets."""

SMALLEST = (40, 12)
"""Columns and rows below which the app says how big a terminal it needs."""

NARROW = 64
"""Below this many columns, one column: tabs become a section menu, a list and its page take turns."""
