"""Tests of the bigcommerce files source."""
