"""Experiments over the model: replications, scoring, figures and reports."""
