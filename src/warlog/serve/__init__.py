"""The analyst's workbench: a FastAPI app and a web page over the store (`warlog serve`)."""

from warlog.serve.api import create_app
from warlog.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
