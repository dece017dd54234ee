from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAuditHttpRequest(HttpCase):
    """The logs of a real HTTP request name the request and the user's session, as auditlog records them (stride
    remembers the session of the request's log instead of searching it again for every log)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.editor = new_test_user(
            cls.env, login="stride_audit_http", groups="base.group_user,base.group_partner_manager"
        )

    def _call(self, model, method, *args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )

    def _logs(self, partners):
        return self.env["auditlog.log"].search(
            [("model_model", "=", "res.partner"), ("res_id", "in", partners.ids)], order="id"
        )

    def test_logs_of_one_request_share_its_request_and_session(self):
        session = self.authenticate("stride_audit_http", "stride_audit_http")
        # The contact person is created by a create of its own: two logs in one request.
        parent_id = self._call(
            "res.partner", "create", [{"name": "Audit Parent", "child_ids": [Command.create({"name": "Audit Child"})]}]
        )[0]
        partners = self.env["res.partner"].browse(parent_id) | self.env["res.partner"].browse(parent_id).child_ids
        logs = self._logs(partners)
        self.assertEqual(len(logs), 2)
        self.assertEqual(len(logs.http_request_id), 1)
        self.assertEqual(logs.http_request_id.name, "/web/dataset/call_kw/res.partner/create")
        self.assertEqual(len(logs.http_session_id), 1)
        self.assertEqual(logs.http_session_id.name, session.sid)
        self.assertEqual(logs.http_session_id.user_id, self.editor)
        self.assertEqual(logs.http_request_id.http_session_id, logs.http_session_id)
        self.assertEqual(logs.user_id, self.editor)

        # The next request of the session: a request log of its own, the same session log.
        self._call("res.partner", "write", [parent_id], {"phone": "+33 1 23 45 67 89"})
        write_log = self._logs(partners) - logs
        self.assertEqual(len(write_log), 1)
        self.assertNotEqual(write_log.http_request_id, logs.http_request_id)
        self.assertEqual(write_log.http_session_id, logs.http_session_id)
