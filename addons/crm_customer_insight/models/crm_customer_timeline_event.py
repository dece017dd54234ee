from odoo import api, fields, models
from odoo.tools import SQL

# Messages that say something (mails, comments, notes); tracking notices are left out, the stage part tells them.
MESSAGE_TYPES = ("email", "comment", "email_outgoing", "auto_comment")


class CrmCustomerTimelineEvent(models.Model):
    """One timeline of everything that happened with a customer: a read-only view over the records themselves.

    The view is a UNION ALL of the parts returned by `_timeline_parts` (bridges add theirs, e.g. loyalty). Every
    part selects its rows by the customer's commercial partner through indexed columns (the order's, message's or
    activity's partner and document), so that one customer's timeline reads only that customer's rows.
    """

    _name = "crm.customer.timeline.event"
    _description = "Customer Timeline Event"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "title"

    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        [
            ("order", "Order"),
            ("stage", "Order stage"),
            ("mail", "Mail"),
            ("note", "Note"),
            ("activity", "Activity"),
            ("feedback", "Feedback"),
        ],
        readonly=True,
    )
    title = fields.Char(readonly=True)
    detail = fields.Char(readonly=True)
    pipeline_stage = fields.Selection(selection="_selection_pipeline_stage", string="Fulfilment Stage", readonly=True)
    rating = fields.Integer(readonly=True)
    amount = fields.Float(readonly=True, digits=(16, 2))
    currency_id = fields.Many2one("res.currency", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)

    @api.model
    def _selection_pipeline_stage(self):
        """The order's own stages, those that other addons add included (sale_order_pipeline_rma's Refunded): a
        copy of the pipeline's list showed their raw value."""
        return self.env["sale.order"]._fields["pipeline_stage"]._description_selection(self.env)
    user_id = fields.Many2one("res.users", string="By", readonly=True)

    @property
    def _table_query(self):
        # Each part's rows get an id of their own: the source row's id and the part's number, never colliding.
        return SQL(" UNION ALL ").join(
            SQL("SELECT part.source_id::bigint * 32 + %s AS id, part.* FROM (%s) part", number, query)
            for number, query in sorted(self._timeline_parts().items())
        )

    @api.model
    def _timeline_parts(self):
        """``{number: SQL}``: each part selects, in this order, source_id, date, kind, title, detail,
        pipeline_stage, rating, amount, currency_id, res_model, res_id, order_id, partner_id (the commercial
        partner) and user_id. Numbers 1-15 are this addon's, 16-31 the bridges' (the number is part of the ids)."""
        lang = self.env.lang or "en_US"
        return {
            1: SQL(
                """
                SELECT so.id AS source_id, so.date_order AS date, 'order' AS kind, so.name AS title,
                       so.client_order_ref AS detail, so.pipeline_stage AS pipeline_stage, NULL::integer AS rating,
                       so.amount_total::float AS amount, so.currency_id AS currency_id, 'sale.order' AS res_model,
                       so.id AS res_id, so.id AS order_id, customer.commercial_partner_id AS partner_id,
                       so.user_id AS user_id
                  FROM sale_order so
                  JOIN res_partner customer ON customer.id = so.partner_id
                """
            ),
            2: SQL(
                """
                SELECT history.id AS source_id, history.date, 'stage', so.name, history.reason, history.stage,
                       NULL::integer,
                       NULL::float, NULL::integer, 'sale.order', so.id, so.id, customer.commercial_partner_id,
                       history.user_id
                  FROM sale_order_stage_history history
                  JOIN sale_order so ON so.id = history.order_id
                  JOIN res_partner customer ON customer.id = so.partner_id
                """
            ),
            3: self._timeline_message_part(
                SQL("JOIN res_partner customer ON message.model = 'res.partner' AND customer.id = message.res_id"),
                SQL("customer.name"),
                SQL("NULL::integer"),
            ),
            4: self._timeline_message_part(
                SQL(
                    """JOIN sale_order so ON message.model = 'sale.order' AND so.id = message.res_id
                       JOIN res_partner customer ON customer.id = so.partner_id"""
                ),
                SQL("so.name"),
                SQL("so.id"),
            ),
            5: self._timeline_activity_part(
                lang,
                SQL(
                    "JOIN res_partner customer ON activity.res_model = 'res.partner' AND customer.id = activity.res_id"
                ),
                SQL("NULL::integer"),
            ),
            6: self._timeline_activity_part(
                lang,
                SQL(
                    """JOIN sale_order so ON activity.res_model = 'sale.order' AND so.id = activity.res_id
                       JOIN res_partner customer ON customer.id = so.partner_id"""
                ),
                SQL("so.id"),
            ),
            7: SQL(
                """
                SELECT rating.id AS source_id, rating.create_date, 'feedback', so.name, %s, NULL,
                       ROUND(rating.rating)::integer,
                       NULL::float, NULL::integer, 'sale.order', so.id, so.id, customer.commercial_partner_id,
                       NULL::integer
                  FROM rating_rating rating
                  JOIN sale_order so ON rating.res_model = 'sale.order' AND so.id = rating.res_id
                  JOIN res_partner customer ON customer.id = so.partner_id
                 WHERE rating.consumed
                """,
                self._timeline_plain_text(SQL.identifier("rating", "feedback")),
            ),
        }

    @staticmethod
    def _timeline_plain_text(column):
        """The first 300 characters of an HTML column as one line of text (a timeline shows no markup)."""
        return SQL(
            "left(btrim(regexp_replace(regexp_replace(%s, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g')), 300)", column
        )

    def _timeline_message_part(self, join, document, order_id):
        return SQL(
            """
            SELECT message.id AS source_id, message.date,
                   CASE WHEN message.is_internal OR subtype.internal THEN 'note' ELSE 'mail' END,
                   COALESCE(NULLIF(message.subject, ''), %(document)s), %(body)s, NULL, NULL::integer,
                   NULL::float, NULL::integer, message.model, message.res_id, %(order_id)s,
                   customer.commercial_partner_id, author_user.id
              FROM mail_message message
              %(join)s
              LEFT JOIN mail_message_subtype subtype ON subtype.id = message.subtype_id
              LEFT JOIN LATERAL (
                  SELECT id FROM res_users WHERE partner_id = message.author_id ORDER BY id LIMIT 1
              ) author_user ON TRUE
             WHERE message.message_type IN %(types)s AND COALESCE(message.body, '') != ''
            """,
            body=self._timeline_plain_text(SQL.identifier("message", "body")),
            document=document,
            order_id=order_id,
            join=join,
            types=MESSAGE_TYPES,
        )

    def _timeline_activity_part(self, lang, join, order_id):
        return SQL(
            """
            SELECT activity.id AS source_id, COALESCE(activity.date_done, activity.date_deadline)::timestamp,
                   'activity', COALESCE(NULLIF(activity.summary, ''), activity_type.name->>%(lang)s,
                   activity_type.name->>'en_US'), %(note)s, NULL, NULL::integer, NULL::float, NULL::integer,
                   activity.res_model, activity.res_id, %(order_id)s, customer.commercial_partner_id,
                   activity.user_id
              FROM mail_activity activity
              %(join)s
              LEFT JOIN mail_activity_type activity_type ON activity_type.id = activity.activity_type_id
            """,
            lang=lang,
            note=self._timeline_plain_text(SQL.identifier("activity", "note")),
            order_id=order_id,
            join=join,
        )

    def action_open_source(self):
        """Open the record the event comes from (the order, the customer, the loyalty card...)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
