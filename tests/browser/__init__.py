"""Accessibility proven in a real browser: headless Chromium, axe-core and the CDP tree."""
