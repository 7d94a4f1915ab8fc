"""Rugschool: run an eight-week group back school, offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rugschool")
except PackageNotFoundError:  # running from a source tree or a bundle without metadata
    __version__ = "0.1.0"

APP_NAME = "Rugschool"
