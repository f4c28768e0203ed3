"""Plain-Python rules of the work: calendars, statutory clocks, tables and checks (no Django)."""
