"""clean room."""
