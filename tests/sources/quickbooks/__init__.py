"""Tests of the quickbooks files source."""
