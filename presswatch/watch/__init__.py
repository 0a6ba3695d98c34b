"""Watching the press: a sources file of outlets, a polite fetcher, a WARC archive and article versions."""
