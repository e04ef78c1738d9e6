"""The app in a class: the banner, the class panel, questions put to everyone (see controller.py)."""
