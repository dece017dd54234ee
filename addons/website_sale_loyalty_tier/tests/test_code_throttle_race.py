import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from ..models.loyalty_code_throttle import PARAM_SESSION_LIMIT

KEYS = [("session", "race-test-session-digest"), ("ip", "203.0.113.77")]


@tagged("post_install", "-at_install")
class TestCodeThrottleRace(BaseCase):
    """Two workers take a wrong code from the same session at the same moment, in two real transactions: the limit
    holds (the counter row is the point of conflict; the loser is replayed, as Odoo replays a request)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.previous_limit = env["ir.config_parameter"].get_param(PARAM_SESSION_LIMIT)
            env["ir.config_parameter"].set_param(PARAM_SESSION_LIMIT, 1)
        cls.addClassCleanup(cls._drop)

    @classmethod
    def _drop(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["loyalty.code.throttle"]._counters(KEYS).unlink()
            env["ir.config_parameter"].set_param(PARAM_SESSION_LIMIT, cls.previous_limit or False)

    def _race(self, workers=2):
        """Each worker: is the key blocked? If not, count its wrong code. Returns the outcomes and the replays."""
        barrier = threading.Barrier(workers)
        outcomes, replays = [], []
        envs = [api.Environment(self.registry.cursor(), SUPERUSER_ID, {}) for _worker in range(workers)]

        def worker(env):
            throttle = env["loyalty.code.throttle"]
            throttle._counters(KEYS).mapped("failures")  # the transaction's snapshot, taken before the other writes
            barrier.wait(timeout=30)
            for _attempt in range(20):
                try:
                    if throttle._wait_time(KEYS):
                        outcome = "blocked"
                    else:
                        throttle._count_failure(KEYS)
                        outcome = "counted"
                    env.cr.commit()
                    outcomes.append(outcome)
                    return
                except SerializationFailure:
                    env.cr.rollback()
                    env.invalidate_all()
                    replays.append(1)
                    time.sleep(0.05)

        threads = [threading.Thread(target=worker, args=(env,)) for env in envs]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        finally:
            for env in envs:
                env.cr.close()
        return sorted(outcomes), len(replays)

    @mute_logger("odoo.sql_db")
    def test_two_workers_never_let_a_session_past_its_limit(self):
        outcomes, replays = self._race()
        self.assertEqual(outcomes, ["blocked", "counted"])
        self.assertGreaterEqual(replays, 1, "the second worker saw the first one's count only on its replay")
        with self.registry.cursor() as cr:
            counters = api.Environment(cr, SUPERUSER_ID, {})["loyalty.code.throttle"]._counters(KEYS)
            self.assertEqual(sorted(counters.mapped("failures")), [1, 1])
