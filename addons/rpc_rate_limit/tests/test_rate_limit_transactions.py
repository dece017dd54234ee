import threading
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestRateLimitTransactions(TransactionCase):
    """The count is committed in a transaction of its own: a request still running holds no lock on its key's
    counter, and a request that fails still counts.

    The test transaction is invisible to other connections, so the key is committed through cursors of its own and
    removed at the end (its counts go with it).
    """

    def _cursor(self):
        cr = db_connect(self.env.cr.dbname).cursor()
        cr.execute(SQL("SET lock_timeout = '20s'"))
        return cr

    def setUp(self):
        super().setUp()
        with closing(self._cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.admin_id = env.ref("base.user_admin").id
            self.key = env["res.users.apikeys"].with_user(self.admin_id)._generate("rpc", "concurrency test", None)
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._remove_key)

    def _remove_key(self):
        with closing(self._cursor()) as cr:
            cr.execute(SQL("DELETE FROM res_users_apikeys WHERE user_id = %s AND name = 'concurrency test'",
                           self.admin_id))
            cr.commit()  # pylint: disable=invalid-commit

    def _committed_count(self):
        with closing(self._cursor()) as cr:
            cr.execute(SQL(
                """SELECT COALESCE(SUM(request_count), 0) FROM rpc_rate_limit_window counter
                     JOIN res_users_apikeys apikey ON apikey.id = counter.key_id
                    WHERE apikey.user_id = %s AND apikey.name = 'concurrency test'""",
                self.admin_id,
            ))
            return cr.fetchone()[0]

    def test_a_running_request_does_not_hold_its_keys_counter_and_a_failed_one_counts(self):
        with closing(self._cursor()) as request_a, closing(self._cursor()) as request_b:
            counters_a = api.Environment(request_a, self.admin_id, {})["rpc.rate.limit.window"]
            counters_b = api.Environment(request_b, self.admin_id, {})["rpc.rate.limit.window"]
            counters_a._count_request(self.admin_id, self.key)  # request A counted, its work still running
            counted_b = threading.Event()

            def request_b_counts():
                counters_b._count_request(self.admin_id, self.key)
                counted_b.set()

            thread = threading.Thread(target=request_b_counts)
            thread.start()
            thread.join(timeout=10)
            self.assertTrue(counted_b.is_set(), "request B waited for request A")
            self.assertEqual(self._committed_count(), 2, "both counts visible while both requests run")
            request_a.rollback()  # request A fails
            request_b.rollback()
        self.assertEqual(self._committed_count(), 2)
