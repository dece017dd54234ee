"""Developer tooling for the Stride addons: the test harness (``scripts/test``) and the demo server (``scripts/serve``).

Plain Python, no Odoo import at module level: it must run (and say clearly what is missing) on machines without Odoo.
"""
