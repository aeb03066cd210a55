"""Writes of the feedback app (keyword-only `<entity>_<action>` functions), one module per area."""
