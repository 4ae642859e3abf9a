"""Tests that drive the built docs site in headless Chromium."""
