from datetime import datetime, timedelta

from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

PASSWORD = "Idle-test-2026"
MENUS = "/web/webclient/load_menus"  # an auth="user" route


@tagged("post_install", "-at_install")
class TestSessionTimeout(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = new_test_user(cls.env, login="idle.staff", password=PASSWORD, groups="base.group_user")
        users |= new_test_user(cls.env, login="idle.customer", password=PASSWORD, groups="base.group_portal")
        for user in users:  # created on a first read-only request otherwise, which Odoo retries with an error logged
            cls.env["res.users.settings"]._find_or_create_for_user(user)
        cls.env["ir.config_parameter"].sudo().set_param("inactive_session_time_out_delay", 7200)

    def _menus(self, after=timedelta()):
        with freeze_time(datetime.now() + after):
            return self.url_open(MENUS, allow_redirects=False)

    def test_a_staff_session_idle_for_two_hours_is_not_served(self):
        self.authenticate("idle.staff", PASSWORD)
        self.assertEqual(self._menus().status_code, 200)
        self.assertEqual(self._menus(timedelta(hours=1, minutes=59)).status_code, 200, "used within 2 hours")
        expired = self._menus(timedelta(hours=2, minutes=1))
        self.assertEqual(expired.status_code, 303, "the first request after the timeout is not served")
        self.assertIn("/web/login", expired.headers["Location"])
        self.assertEqual(self._menus(timedelta(hours=2, minutes=2)).status_code, 303, "and the next one neither")

    def test_each_request_restarts_the_idle_delay(self):
        self.authenticate("idle.staff", PASSWORD)
        self.assertEqual(self._menus(timedelta(hours=1, minutes=30)).status_code, 200)
        # The session was used now (the file's time is the real clock's): 1h30 later is 1h30 idle, not 3h.
        self.assertEqual(self._menus(timedelta(hours=1, minutes=30)).status_code, 200)

    def test_a_customer_session_is_not_closed_after_two_hours(self):
        self.authenticate("idle.customer", PASSWORD)
        with freeze_time(datetime.now() + timedelta(hours=3)):
            info = self.make_jsonrpc_request("/web/session/get_session_info")  # auth="user", open to customers
        self.assertEqual(info["uid"], self.session.uid)

    def test_the_setting_is_in_minutes_and_stored_in_seconds(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.session_idle_timeout_minutes, 120)
        settings.session_idle_timeout_minutes = 30
        settings.execute()
        params = self.env["ir.config_parameter"]
        self.assertEqual(params.get_param("inactive_session_time_out_delay"), "1800")
        self.assertEqual(params._auth_timeout_get_parameter_delay(), 1800)
        self.authenticate("idle.staff", PASSWORD)
        self.assertEqual(self._menus(timedelta(minutes=31)).status_code, 303)
