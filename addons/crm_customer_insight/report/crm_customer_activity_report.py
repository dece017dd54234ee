from odoo import fields, models
from odoo.tools import SQL

# The documents a salesperson works a customer through; activities elsewhere (HR, projects) are not CRM work.
CUSTOMER_MODELS = ("res.partner", "sale.order", "crm.lead")


class CrmCustomerActivityReport(models.Model):
    """What each salesperson does with customers: activities done, open and overdue on contacts, orders and
    opportunities, and the orders they confirmed. One row per activity or confirmed order, so that every figure
    is a sum over the salesperson's rows."""

    _name = "crm.customer.activity.report"
    _description = "Salesperson Activity Report"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "user_id"
    _depends = {
        "mail.activity": ["user_id", "res_model", "active", "date_deadline", "date_done", "activity_type_id"],
        "sale.order": ["user_id", "state", "date_order", "company_id", "insight_amount"],
        "res.users": ["company_id"],
    }

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date = fields.Date(readonly=True, help="Done date of a done activity, due date of an open one, order date.")
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity type", readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    done_count = fields.Integer(string="Activities done", readonly=True, aggregator="sum")
    open_count = fields.Integer(string="Open activities", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(string="Overdue activities", readonly=True, aggregator="sum")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    amount = fields.Float(string="Revenue (reporting currency)", readonly=True, digits=(16, 2), aggregator="sum")

    @property
    def _table_query(self):
        # Odoo archives an activity marked done (active = false, date_done set) instead of deleting it, so done,
        # open and overdue all come from mail_activity. Ids stay stable and distinct: even for activities, odd for
        # orders. Activities carry no company: the assignee's main company stands for it. "Overdue" is against the
        # database's date, as Odoo's own activity views compare with today.
        return SQL(
            """
            SELECT activity.id * 2 AS id,
                   activity.user_id AS user_id,
                   assignee.company_id AS company_id,
                   COALESCE(activity.date_done, activity.date_deadline) AS date,
                   activity.activity_type_id AS activity_type_id,
                   activity.res_model AS res_model,
                   (NOT activity.active)::int AS done_count,
                   activity.active::int AS open_count,
                   (activity.active AND activity.date_deadline < CURRENT_DATE)::int AS overdue_count,
                   0 AS order_count,
                   0.0 AS amount
              FROM mail_activity activity
              JOIN res_users assignee ON assignee.id = activity.user_id
             WHERE activity.res_model IN %(models)s
             UNION ALL
            SELECT so.id * 2 + 1 AS id,
                   so.user_id AS user_id,
                   so.company_id AS company_id,
                   so.date_order::date AS date,
                   NULL AS activity_type_id,
                   'sale.order' AS res_model,
                   0, 0, 0,
                   1 AS order_count,
                   COALESCE(so.insight_amount, 0) AS amount
              FROM sale_order so
             WHERE so.state = 'sale'
               AND so.user_id IS NOT NULL
            """,
            models=CUSTOMER_MODELS,
        )
