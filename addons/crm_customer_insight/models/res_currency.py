from odoo import models
from odoo.tools import SQL

from ..lib.metrics import conversion_factor


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _insight_rate_sql(self, currency: SQL, root_company: SQL, day: SQL) -> SQL:
        """The rate of ``currency`` on ``day`` for the company tree ``root_company``, picked the way
        ``res.currency._get_rates`` picks it: the latest rate on or before the day, the company's before the shared
        ones; else the oldest rate; else 1."""
        return SQL(
            """COALESCE(
                (SELECT rate.rate FROM res_currency_rate rate
                  WHERE rate.currency_id = %(currency)s AND rate.name <= %(day)s
                    AND (rate.company_id IS NULL OR rate.company_id = %(root)s)
                  ORDER BY rate.company_id, rate.name DESC LIMIT 1),
                (SELECT rate.rate FROM res_currency_rate rate
                  WHERE rate.currency_id = %(currency)s
                    AND (rate.company_id IS NULL OR rate.company_id = %(root)s)
                  ORDER BY rate.company_id, rate.name ASC LIMIT 1),
                1.0)""",
            currency=currency, day=day, root=root_company,
        )

    def _insight_convert_rows(self, source: SQL) -> list[tuple]:
        """Convert into this currency the rows of ``source``, a query selecting the columns ``key``, ``amount``,
        ``currency_id``, ``company_id``, ``day`` and ``extra`` (carried through: the value stored now, a partner),
        each at the rate of its day and company: the figures of ``res.currency._convert`` (same rates, same
        arithmetic, same rounding) for any number of rows in one query. Returns ``(key, converted, extra)`` tuples."""
        self.ensure_one()
        self.env["res.currency.rate"].flush_model(["rate", "name", "currency_id", "company_id"])
        self.env["res.company"].flush_model(["parent_path"])
        rows = self.env.execute_query(SQL(
            """
            WITH source AS (%(source)s),
            keyed AS (
                SELECT source.*, split_part(company.parent_path, '/', 1)::int AS root_id
                  FROM source JOIN res_company company ON company.id = source.company_id
            ),
            rates AS (
                SELECT day_key.currency_id, day_key.root_id, day_key.day,
                       %(from_rate)s AS from_rate, %(to_rate)s AS to_rate
                  FROM (SELECT DISTINCT currency_id, root_id, day FROM keyed) day_key
            )
            SELECT keyed.key, keyed.amount, keyed.currency_id, rates.from_rate, rates.to_rate, keyed.extra
              FROM keyed
              JOIN rates ON rates.currency_id = keyed.currency_id AND rates.root_id = keyed.root_id
                        AND rates.day = keyed.day
            """,
            source=source,
            from_rate=self._insight_rate_sql(SQL("day_key.currency_id"), SQL("day_key.root_id"), SQL("day_key.day")),
            to_rate=self._insight_rate_sql(SQL("%s", self.id), SQL("day_key.root_id"), SQL("day_key.day")),
        ))
        return [
            (key, self._insight_round(amount, currency_id, from_rate, to_rate), extra)
            for key, amount, currency_id, from_rate, to_rate, extra in rows
        ]

    def _insight_round(self, amount, currency_id, from_rate, to_rate) -> float:
        if not amount:
            return 0.0
        if currency_id != self.id:
            amount = amount * conversion_factor(from_rate, to_rate)
        return self.round(amount)
