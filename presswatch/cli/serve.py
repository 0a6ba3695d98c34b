"""CLI commands of this room."""

import click

COMMANDS: list[click.Command] = []
