"""`python -m presswatch` runs the CLI."""

from presswatch.cli import main

main()
