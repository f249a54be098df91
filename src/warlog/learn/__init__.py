"""A learned event-typing engine beside the rules (`warlog train`, `--model`; docs/learning.md).

`features` turns an event's view (its text and the rules' decision) into sparse features, `model` holds
the trained weights in one self-describing file (no pickle), `training` fits them on a team's coded
notes, and `combine` is where the model's probabilities meet the rules' choice, called from the coding
stage. Everything but `combine` needs the `learn` extra (scikit-learn, scipy, numpy).
"""
