"""Tests of the square_files files source."""
