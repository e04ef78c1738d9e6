"""bolivia-explainer: Bolivia 2019-2020, explained screen by screen in a terminal."""

__version__ = "0.1.0"
