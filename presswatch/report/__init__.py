"""Human-readable renderings of an Article (terminal)."""
