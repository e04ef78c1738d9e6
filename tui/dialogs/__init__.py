"""Modal dialogs opened over any section: keys help and search."""
