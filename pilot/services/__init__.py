"""Writes of the pilot program, one module per part (program/phases, training, budget, risks, criteria)."""
