import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestExternalApi(HttpCase):
    """Integrators reach the catalogue over XML-RPC and JSON-2, with the rights of the user they log in as."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integrator = new_test_user(
            cls.env, login="stride_api", groups="base.group_user,sales_team.group_sale_salesman")
        cls.product = cls.env["product.template"].create({"name": "Stride API Sneaker", "sale_ok": True})
        cls.api_key = cls.env["res.users.apikeys"].with_user(cls.integrator)._generate(
            scope="rpc", name="integration test", expiration_date=datetime.now() + timedelta(days=1))

    def test_xmlrpc_version_authenticate_and_search(self):
        self.assertTrue(self.xmlrpc_common.version()["server_version"].startswith("19.0"))
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, "stride_api", "stride_api", {})
        self.assertEqual(uid, self.integrator.id)
        found = self.xmlrpc_object.execute_kw(
            db, uid, "stride_api", "product.template", "search", [[("name", "=", "Stride API Sneaker")]])
        self.assertEqual(found, [self.product.id])
        self.assertFalse(self.xmlrpc_common.authenticate(db, "stride_api", "wrong password", {}))

    def _json2(self, path, payload, key):
        return self.url_open(
            f"/json/2/{path}", data=json.dumps(payload),
            headers={"Authorization": f"bearer {key}", "Content-Type": "application/json",
                     "X-Odoo-Database": self.env.cr.dbname},
        )

    def test_json2_search_read_with_api_key(self):
        response = self._json2("product.template/search_read",
                               {"domain": [["name", "=", "Stride API Sneaker"]], "fields": ["name"]}, self.api_key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), [{"id": self.product.id, "name": "Stride API Sneaker"}])

    def test_json2_refuses_a_bad_key_and_what_the_user_may_not_do(self):
        self.assertEqual(self._json2("product.template/search", {"domain": []}, "not-a-key").status_code, 401)
        response = self._json2("res.users/create", {"vals_list": [{"name": "x", "login": "x"}]}, self.api_key)
        self.assertEqual(response.status_code, 403, response.text)
