"""warlog: conflict reports in, ACLED-compatible events out, with evidence for every field."""

__version__ = "0.1.0"
