import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common import StrideRecordsMixin


@tagged("post_install", "-at_install")
class TestExternalApi(StrideRecordsMixin, HttpCase):
    """What an integrator does: XML-RPC with a password, JSON-2 with an API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integrator = new_test_user(
            cls.env, login="stride_test_integrator", password="stride_test_integrator",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.shoe = cls._shoe("Stride Test Canyon Hiking Boot", cls._shop_category("Test Boots"))
        cls.api_key = cls.env["res.users.apikeys"].with_user(cls.integrator)._generate(
            "rpc", "stride integration test", datetime.now() + timedelta(days=1),
        )

    # XML-RPC still works in 19.0 but logs a deprecation warning on every call (JSON-2 is its successor).
    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_xmlrpc_version_authenticate_and_search(self):
        self.assertTrue(self.xmlrpc_common.version()["server_version"].startswith("19."))
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, self.integrator.login, self.integrator.login, {})
        self.assertEqual(uid, self.integrator.id)
        found = self.xmlrpc_object.execute_kw(
            db, uid, self.integrator.login, "product.template", "search_read",
            [[("name", "=", self.shoe.name)]], {"fields": ["name", "list_price"]},
        )
        self.assertEqual(found, [{"id": self.shoe.id, "name": self.shoe.name, "list_price": 129.99}])

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_xmlrpc_refuses_a_wrong_password(self):
        self.assertFalse(self.xmlrpc_common.authenticate(get_db_name(), self.integrator.login, "wrong", {}))

    def _json2(self, method, payload, key):
        return self.url_open(
            f"/json/2/product.template/{method}",
            data=json.dumps(payload),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"bearer {key}",
                "X-Odoo-Database": get_db_name(),
            },
        )

    def test_json2_search_read_with_an_api_key(self):
        response = self._json2("search_read", {"domain": [["name", "=", self.shoe.name]], "fields": ["name"]},
                               self.api_key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), [{"id": self.shoe.id, "name": self.shoe.name}])

    def test_json2_refuses_an_unknown_key(self):
        response = self._json2("search", {"domain": []}, "not-a-key")
        self.assertEqual(response.status_code, 401)

    def test_json2_key_has_only_the_rights_of_its_user(self):
        response = self._json2("write", {"ids": [self.shoe.id], "vals": {"list_price": 1.0}}, self.api_key)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(self.shoe.list_price, 129.99)


USAGE = Path(__file__).parents[1] / "readme" / "USAGE.md"
SETTING = re.compile(r"^(URL|DB|LOGIN|API_KEY|ADMIN_LOGIN|ADMIN_KEY) = .*$", re.MULTILINE)


@tagged("post_install", "-at_install")
class TestIntegratorExamples(HttpCase):
    """The examples of readme/USAGE.md's "Integrator API", run as written against the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integrator = new_test_user(
            cls.env, login="stride_test_api_examples", password="stride_test_api_examples",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_stock_user,base.group_partner_manager",
        )
        cls.admin = new_test_user(
            cls.env, login="stride_test_api_admin", password="stride_test_api_admin",
            groups="base.group_user,base.group_system",
        )
        expiry = datetime.now() + timedelta(days=1)
        cls.api_key = cls.env["res.users.apikeys"].with_user(cls.integrator)._generate("rpc", "examples", expiry)
        cls.admin_key = cls.env["res.users.apikeys"].with_user(cls.admin)._generate("rpc", "examples", expiry)
        cls.product = cls.env["product.product"].create({
            "name": "Stride Test Trail Runner 42", "default_code": "STRIDE-TRAIL-42", "is_storable": True,
            "list_price": 120.0,
        })
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        # Shipped straight from the order: with Stride's pick/pack/ship, Odoo 19 creates the delivery transfer (which
        # carries the tracking number) only once the pick and the pack are done, as the readme says.
        cls.warehouse.delivery_steps = "ship_only"
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 10)
        cls.env["stock.warehouse.orderpoint"].create({
            "product_id": cls.product.id, "warehouse_id": cls.warehouse.id,
            "location_id": cls.warehouse.lot_stock_id.id, "trigger": "alert",
            "product_min_qty": 9, "product_max_qty": 20,
        })

    def _examples(self):
        section = USAGE.read_text(encoding="utf-8").split("## Integrator API", 1)[1].split("\n## ", 1)[0]
        blocks = re.findall(r"^```python\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
        settings = {
            "URL": self.base_url(), "DB": get_db_name(), "LOGIN": self.integrator.login, "API_KEY": self.api_key,
            "ADMIN_LOGIN": self.admin.login, "ADMIN_KEY": self.admin_key,
        }
        self.assertEqual(set(SETTING.findall(blocks[0])), set(settings), "the settings the first block defines")
        blocks[0] = SETTING.sub(lambda match: f"{match[1]} = {settings[match[1]]!r}", blocks[0])
        return blocks

    # The examples use XML-RPC on purpose, and Odoo logs a deprecation warning on every call.
    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_the_readme_examples_run_against_the_server(self):
        examples = self._examples()
        self.assertEqual(len(examples), 6, "setup, customers, orders, pipeline stages, stock levels, webhooks")
        run = {"__name__": "stride_readme_examples"}
        self.env.flush_all()
        with self.allow_requests(all_requests=True):
            for number, code in enumerate(examples, 1):
                exec(compile(code, f"addons/stride/readme/USAGE.md, Python block {number}", "exec"), run)
        self.env.invalidate_all()

        customer = self.env["res.partner"].browse(run["customer_id"])
        self.assertEqual((customer.name, customer.city, customer.country_id.code), ("Lan Nguyen", "Hà Nội", "VN"))
        self.assertEqual([found["id"] for found in run["found"]], customer.ids)

        order = self.env["sale.order"].browse(run["order_id"])
        self.assertEqual((order.partner_id, order.order_line.product_id), (customer, self.product))
        self.assertEqual(order.warehouse_id, self.warehouse, "the level below is the order's warehouse's")
        self.assertEqual(run["orders"], [{
            "id": order.id, "name": order.name, "amount_total": order.amount_total,
            "currency_id": [order.currency_id.id, order.currency_id.display_name], "pipeline_stage": "confirmed",
        }])

        self.assertEqual(run["order"]["pipeline_next_stage"], "packaging")
        self.assertEqual(
            (run["shipped"]["pipeline_stage"], run["shipped"]["pipeline_tracking_ref"]),
            ("shipping", "1Z999AA10123456784"),
        )
        self.assertEqual([line["stage"] for line in run["history"]][-3:], ["confirmed", "packaging", "shipping"])

        [level] = [level for level in run["levels"] if level["warehouse_id"][0] == self.warehouse.id]
        self.assertEqual((level["qty_on_hand"], level["min_qty"]), (10, 9))
        self.assertEqual(level["qty_forecast"], 8, "two shoes ordered")
        self.assertEqual(level["level_state"], "low")
        self.assertIn(self.product.id, [row["product_id"][0] for row in run["running_low"]])
        self.assertIn(self.product.id, [alert["product_id"][0] for alert in run["alerts"]], "8 free, threshold 9")

        self.assertTrue(run["subscription"]["secret"].startswith("whsec_"))
        self.assertEqual(order.pipeline_stage, "delivered")
        [delivery] = run["deliveries"]
        self.assertEqual((delivery["event"], delivery["state"]), ("order.status_changed", "pending"))
        subscription = self.env["webhook.subscription"].with_context(active_test=False).browse(run["subscription_id"])
        self.assertFalse(subscription.active)
