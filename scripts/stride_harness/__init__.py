"""Developer tooling for the Stride addons: the test harness (``scripts/test``), the demo server (``scripts/serve``)
and the translation export (``scripts/i18n``).

Plain Python, no Odoo import at module level: it must run (and say clearly what is missing) on machines without Odoo.
"""
