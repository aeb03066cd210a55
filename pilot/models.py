"""Models of the pilot app."""
