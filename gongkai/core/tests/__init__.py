"""Specifications of gongkai.core, run without Django."""
