"""Tests of the xero files source."""
