"""The neutral CSV way in (`type: csv`): any system's exports through a field -> header mapping."""

from .source import CsvChannel, CsvFiles

__all__ = ["CsvChannel", "CsvFiles"]
