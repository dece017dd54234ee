import json
from datetime import datetime, timedelta

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
