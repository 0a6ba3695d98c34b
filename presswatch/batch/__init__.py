"""batch room."""
