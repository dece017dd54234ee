from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoAudit(TransactionCase):
    """The demo history is audited: the audit log opens with the shop's own changes, old → new."""

    def _logs(self, model, method):
        return self.env["auditlog.log"].search([("model_model", "=", model), ("method", "=", method)])

    def test_customers_and_logins_created_by_the_demo_are_logged(self):
        customer = self.env.ref("stride_demo.user_customer_demo")
        self.assertTrue(self._logs("res.partner", "create"))
        self.assertTrue(self._logs("res.users", "create").filtered(lambda log: log.res_id == customer.id))

    def test_order_stage_changes_of_the_history_are_logged(self):
        lines = self._logs("sale.order", "write").line_ids
        self.assertTrue(lines.filtered(lambda line: line.field_name == "state" and line.new_value_text == "sale"))
        self.assertTrue(lines.filtered(lambda line: line.field_name == "pipeline_stage"))

    def test_loyalty_points_changes_are_logged(self):
        lines = self._logs("loyalty.card", "write").line_ids
        self.assertTrue(lines.filtered(lambda line: line.field_name == "points"))
