from odoo.tests import HttpCase, tagged

from .privacy_common import PrivacyCommon


@tagged("post_install", "-at_install")
class TestPrivacyExportDownload(PrivacyCommon, HttpCase):
    """The export file is served by Odoo's /web/content, whose access check reads the privacy log entry it hangs on:
    the administrator who asked downloads it, every other role and a visitor get a 403/404, never the data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_privacy_records()
        cls.action = cls.contact.with_user(cls.users["admin"])._insight_privacy_export("json")

    def test_admin_downloads_the_file_through_web_content(self):
        self.authenticate("privacy_admin", "privacy_admin")
        response = self.url_open(self.action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("Lumen Gifts", response.text)

    def test_other_roles_and_visitors_cannot_download_it(self):
        for login in ("privacy_manager", "privacy_agent", "privacy_readonly", "privacy_portal", None):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(self.action["url"], allow_redirects=False)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn("Lumen Gifts", response.text)
        # A made-up attachment id is a clean 404 for the administrator as well.
        self.authenticate("privacy_admin", "privacy_admin")
        self.assertEqual(self.url_open("/web/content/999999999?download=true").status_code, 404)
