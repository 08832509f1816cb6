"""Checks on contributors' pages: each problem fails the strict build at its file and line."""
