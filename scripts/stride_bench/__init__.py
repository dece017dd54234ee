"""Stride's performance benchmark (issue 16): the suite against plain Odoo on the same data, and under load."""
