"""Tests of the woocommerce files source."""
