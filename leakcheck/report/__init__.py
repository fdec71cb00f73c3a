"""Renderers of one Report: terminal, json, csv (and later html, md)."""
