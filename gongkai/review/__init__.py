"""Confidentiality and privacy review (保密审查): the scanner's command, later the publication gate."""
