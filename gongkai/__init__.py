"""Gongkai (公开): government information disclosure for Chinese agencies."""

__version__ = "0.1.0"
