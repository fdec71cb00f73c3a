"""Tests of the file sources: tabular reading, Shopify exports, neutral CSV, history, recognition."""
