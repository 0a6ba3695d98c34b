"""stages room."""
