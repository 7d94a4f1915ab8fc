"""Rugschool: run an eight-week group back school, offline."""

# The one place the version is written; pyproject.toml reads it from here. (Asking
# importlib.metadata instead costs some 50 ms at every start.)
__version__ = "0.1.0"

APP_NAME = "Rugschool"
