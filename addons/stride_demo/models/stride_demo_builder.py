import base64
import logging
import time
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools.misc import file_path

from ..lib import picture

_logger = logging.getLogger(__name__)

SEED = 42
PICTURE_SIZE = 512
FONT = "web/static/fonts/lato/Lato-Bol-webfont.ttf"
# Modules whose demo products, shop categories and orders (desks, chairs, ...) would make the shoe shop look odd.
GENERIC_CATALOGUE_AUTHOR = "Odoo S.A."


def demo_xmlid(kind: str, key: str) -> str:
    """``stride_demo.<kind>_<key>_demo``, ``key`` made safe for an XML id."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in key.lower()).strip("_")
    return f"stride_demo.{kind}_{safe}_demo"


class StrideDemoBuilder(models.AbstractModel):
    """Builds the demo shop with the ORM, one step after the other (loaded by data/stride_demo_data.xml).

    Extension point: each step is a method ``step(shop)`` named in ``_stride_demo_steps()`` with its sequence. An
    addon adds its own demo data by inheriting this model, adding ``(sequence, "_demo_my_step")`` to the list and
    writing the method. ``shop`` is a dict the steps share while one build runs (``today``, ``categories``,
    ``variants``, ``partners``, ``users``, ``plans``, ``orders``...: see each step); an addon installed after the demo
    shop was built runs its own steps from its data with ``_run_demo_steps`` and finds the demo records by XML id.
    """

    _name = "stride.demo.builder"
    _description = "Stride demo shop builder"

    @api.model
    def _stride_demo_steps(self):
        """(sequence, method name) of every step building the demo shop, in any order; extend it to add steps."""
        return []

    @api.model
    def _build_demo_shop(self):
        steps = [name for _sequence, name in sorted(self._stride_demo_steps())]
        shop = self._run_demo_steps(steps)
        _logger.info(
            "Stride demo shop built in %.1f s (%s)", sum(shop["timings"].values()),
            ", ".join(f"{step} {seconds:.1f} s" for step, seconds in shop["timings"].items()),
        )
        return shop

    @api.model
    def _run_demo_steps(self, steps, shop=None):
        """Run the named steps in the given order on ``shop`` (a fresh one by default); returns ``shop``."""
        builder = self.with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
        if shop is None:
            shop = {"today": fields.Date.context_today(self)}
        shop.setdefault("timings", {})
        for step in steps:
            started = time.monotonic()
            getattr(builder, step)(shop)
            shop["timings"][step] = time.monotonic() - started
        return shop

    # ------------------------------------------------------------------
    # Helpers shared by the steps
    # ------------------------------------------------------------------

    def _register_xmlids(self, records_by_xmlid):
        """Give the built records XML ids, so that tests and later demo steps can find them."""
        self.env["ir.model.data"]._update_xmlids([
            {"xml_id": xmlid, "record": record, "noupdate": True} for xmlid, record in records_by_xmlid.items()
        ])

    def _generic_modules(self):
        return self.env["ir.module.module"].search([("author", "=", GENERIC_CATALOGUE_AUTHOR)])

    def _draw(self, silhouette, body_hex, accent_hex, initial, size=PICTURE_SIZE):
        spec = picture.picture_spec(silhouette, body_hex, accent_hex, initial)
        return base64.b64encode(picture.draw_picture(spec, size, file_path(FONT)))

    def _countries(self, codes):
        found = self.env["res.country"].search([("code", "in", list(set(codes)))])
        return {country.code: country for country in found}

    def _warehouse(self):
        return self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)

    @staticmethod
    def _at_shop_hours(day, index):
        """A deterministic time of day between 08:00 and 20:59 for the index-th order."""
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=8 + index % 13, minutes=(index * 7) % 60)
