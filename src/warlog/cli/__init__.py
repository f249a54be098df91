"""The `warlog` command line: a thin layer over the pipeline, the store and the evaluation."""

# The command modules register their commands on `app` when imported, in the order `--help` lists them.
from warlog.cli.app import app

# isort: split
from warlog.cli import extraction

# isort: split
from warlog.cli import learning

# isort: split
from warlog.cli import dataset

# isort: split
from warlog.cli import evaluation

# isort: split
from warlog.cli import serving

__all__ = ["app", "dataset", "evaluation", "extraction", "learning", "serving"]
