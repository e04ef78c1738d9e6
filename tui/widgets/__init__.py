"""Reusable pieces the section screens are built from."""
