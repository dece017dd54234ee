import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common import make_loyalty_shop

WRITES = {
    "loyalty.card": lambda env, r: env["loyalty.card"].browse(r["card"].id).write({"points": 1_000_000}),
    "loyalty.card (create)": lambda env, r: env["loyalty.card"].create(
        {"program_id": r["program"].id, "partner_id": env.user.partner_id.id, "points": 1_000_000}),
    "loyalty.history": lambda env, r: env["loyalty.history"].create(
        {"card_id": r["card"].id, "description": "gift", "issued": 1_000_000}),
    "loyalty.history (write)": lambda env, r: env["loyalty.history"].browse(r["used_line"].id).write({"used": 0}),
    "loyalty.tier": lambda env, r: env["loyalty.tier"].browse(r["gold"].id).write({"min_spend": 0}),
    "loyalty.tier (card)": lambda env, r: env["loyalty.card"].browse(r["card"].id).write({"tier_id": r["gold"].id}),
    "loyalty.tier.history": lambda env, r: env["loyalty.tier.history"].create({
        "card_id": r["card"].id, "new_tier_id": r["gold"].id, "direction": "up", "reason": "self-service"}),
    "loyalty.code.throttle": lambda env, r: env["loyalty.code.throttle"].search([]).unlink(),
}


@tagged("post_install", "-at_install")
class TestLoyaltyAccess(HttpCase):
    """Portal users and visitors cannot change points, cards, history or tiers: not through the ORM, XML-RPC,
    JSON-2 or the website's routes. Staff roles without loyalty management are refused too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = make_loyalty_shop(cls.env)
        cls.card = cls.records["card"]
        cls.other_card = cls.records["other_card"]
        cls.portal = cls.records["loyal_user"]
        cls.public = cls.env.ref("base.public_user")
        # A warehouse user where stock is installed (this addon does not need it), else a plain employee.
        stock_group = "stock.group_stock_user" if cls.env.ref("stock.group_stock_user", False) else "base.group_user"
        cls.stock_user = new_test_user(cls.env, login="loyalty_stock_user", groups=f"base.group_user,{stock_group}")
        cls.salesman_own = new_test_user(cls.env, login="loyalty_salesman_own",
                                         groups="base.group_user,sales_team.group_sale_salesman")
        cls.salesman_all = new_test_user(cls.env, login="loyalty_salesman_all",
                                         groups="base.group_user,sales_team.group_sale_salesman_all_leads")

    def _assert_unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.card.points, 150)
        self.assertEqual(self.card.tier_id, self.records["silver"])
        self.assertEqual(self.other_card.points, 999)
        self.assertEqual(len(self.card.history_ids), 3)
        self.assertEqual(self.records["gold"].min_spend, 1500)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_portal_and_public_users_cannot_write_through_the_orm(self):
        for user in (self.portal, self.public):
            for what, write in WRITES.items():
                with self.subTest(user=user.login, what=what), self.assertRaises(AccessError):
                    write(self.env(user=user), self.records)
        self._assert_unchanged()

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_staff_without_loyalty_management_cannot_write_tiers_or_counters(self):
        # Odoo lets salespeople correct a card's points (its own access rules); tiers, tier history and the code
        # counters stay with sales managers and administrators.
        tier_writes = {name: WRITES[name] for name in ("loyalty.tier", "loyalty.tier.history", "loyalty.code.throttle")}
        for user in (self.stock_user, self.salesman_own, self.salesman_all):
            for what, write in tier_writes.items():
                with self.subTest(user=user.login, what=what), self.assertRaises(AccessError):
                    write(self.env(user=user), self.records)
        with self.subTest(user=self.stock_user.login, what="loyalty.card"), self.assertRaises(AccessError):
            WRITES["loyalty.card"](self.env(user=self.stock_user), self.records)
        self._assert_unchanged()

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc", "odoo.http", "odoo.models", "odoo.addons.base.models.ir_model")
    def test_portal_user_cannot_write_over_xmlrpc(self):
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, "loyal_customer", "loyal_customer", {})
        self.assertEqual(uid, self.portal.id)
        calls = [
            ("loyalty.card", "write", [[self.card.id], {"points": 1_000_000}]),
            ("loyalty.card", "create", [{"program_id": self.records["program"].id, "points": 1_000_000}]),
            ("loyalty.history", "create", [{"card_id": self.card.id, "description": "gift", "issued": 1_000_000}]),
            ("loyalty.tier", "write", [[self.records["gold"].id], {"min_spend": 0}]),
            ("loyalty.card", "write", [[self.card.id], {"tier_id": self.records["gold"].id}]),
            ("loyalty.tier.history", "create", [{"card_id": self.card.id, "new_tier_id": self.records["gold"].id,
                                                 "direction": "up", "reason": "x"}]),
            ("loyalty.card", "read", [[self.other_card.id], ["points", "code"]]),
        ]
        for model, method, args in calls:
            with self.subTest(model=model, method=method), self.assertRaises(xmlrpc.client.Fault) as refused:
                self.xmlrpc_object.execute_kw(db, uid, "loyal_customer", model, method, args)
            self.assertIn("You are not allowed to", refused.exception.faultString)
        self._assert_unchanged()

    def _json2(self, model, method, payload, key):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"bearer {key}",
                     "X-Odoo-Database": get_db_name()},
        )

    @mute_logger("odoo.http")
    def test_portal_user_cannot_write_over_json2_even_with_an_api_key(self):
        self.env["ir.config_parameter"].sudo().set_param("portal.allow_api_keys", True)
        key = self.env["res.users.apikeys"].with_user(self.portal)._generate(
            "rpc", "loyalty access test", datetime.now() + timedelta(days=1))
        calls = [
            ("loyalty.card", "write", {"ids": [self.card.id], "vals": {"points": 1_000_000}}),
            ("loyalty.card", "create", {"vals_list": [{"program_id": self.records["program"].id, "points": 5}]}),
            ("loyalty.history", "create", {"vals_list": [{"card_id": self.card.id, "description": "gift",
                                                          "issued": 1_000_000}]}),
            ("loyalty.tier", "write", {"ids": [self.records["gold"].id], "vals": {"min_spend": 0}}),
            ("loyalty.tier.history", "create", {"vals_list": [{"card_id": self.card.id, "direction": "up",
                                                               "reason": "x"}]}),
            ("loyalty.card", "search_read", {"domain": [], "fields": ["points"]}),
        ]
        for model, method, payload in calls:
            with self.subTest(model=model, method=method):
                response = self._json2(model, method, payload, key)
                self.assertEqual(response.status_code, 403, response.text[:300])
        response = self._json2("loyalty.card", "write", {"ids": [self.card.id], "vals": {"points": 5}}, "not-a-key")
        self.assertEqual(response.status_code, 401)
        self._assert_unchanged()

    @mute_logger("odoo.http")
    def test_card_dialog_route_answers_hostile_ids_with_nothing(self):
        # The id is the route's path (the JSON body cannot override it): hostile paths are what an attacker controls.
        self.authenticate("loyal_customer", "loyal_customer")
        other = str(self.other_card.id)
        for card_id in (other, other.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), "٣", "²", "-1", "0",
                        "99999999999999999999999", "%3Cscript%3E", "1%20OR%201=1"):
            with self.subTest(card_id=card_id):
                response = self.url_open(
                    f"/my/loyalty_card/{card_id}/values", data=json.dumps({"params": {"card_id": self.card.id}}),
                    headers={"Content-Type": "application/json"}, allow_redirects=False,
                )
                self.assertIn(response.status_code, (200, 301, 302, 303, 307, 308, 404), response.text[:300])
                self.assertNotIn(self.other_card.code, response.text)
                if response.status_code == 200:
                    self.assertEqual(response.json().get("result"), {}, response.text[:300])
        response = self.url_open(
            f"/my/loyalty_card/{self.card.id}/values",
            data=json.dumps({"params": {"card_id": "9" * 1_000_000}}), headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["card"]["id"], self.card.id, "the body's huge id is ignored")

    @mute_logger("odoo.http")
    def test_website_routes_change_nothing_for_portal_users(self):
        self.authenticate("loyal_customer", "loyal_customer")
        # Odoo's generic call route, as a portal session.
        for model, method, args in (
            ("loyalty.card", "write", [[self.card.id], {"points": 1_000_000}]),
            ("loyalty.tier", "write", [[self.records["gold"].id], {"min_spend": 0}]),
            ("loyalty.history", "create", [{"card_id": self.card.id, "description": "gift", "issued": 9}]),
        ):
            with self.subTest(model=model, method=method), self.assertRaises(Exception):  # noqa: B017
                self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}",
                                          {"model": model, "method": method, "args": args, "kwargs": {}})
        # Odoo's card dialog route answers nothing for someone else's card (it raised a KeyError before).
        for card_id in (self.other_card.id, str(self.other_card.id), "²", "٣", "1 OR 1=1", None, [1]):
            with self.subTest(card_id=card_id):
                self.assertEqual(self.make_jsonrpc_request(f"/my/loyalty_card/{self.other_card.id}/values",
                                                           {"card_id": card_id}), {})
        own = self.make_jsonrpc_request(f"/my/loyalty_card/{self.card.id}/values", {"card_id": self.card.id})
        self.assertEqual(own["card"]["id"], self.card.id)
        # Our pages only read; parameters that look like writes are ignored.
        for url in ("/my/loyalty", f"/my/loyalty/{self.card.id}"):
            self.url_open(f"{url}?points=1000000&tier_id={self.records['gold'].id}")
        # Claiming with someone else's card code moves no points.
        self.make_jsonrpc_request("/shop/cart/add", {
            "product_template_id": self.records["product"].id,
            "product_id": self.records["product"].product_variant_id.id, "quantity": 1,
        })
        reward = self.records["program"].reward_ids[0]
        response = self.url_open(f"/shop/claimreward?reward_id={reward.id}&code={self.other_card.code}",
                                 allow_redirects=False)
        self.assertLess(response.status_code, 500)
        self._assert_unchanged()
