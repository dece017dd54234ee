from unittest.mock import patch

from odoo.addons.password_security.models import res_users as password_security_res_users

from ..models.res_users import LOGIN_LOCK

LOCK_LOGGER = "odoo.addons.auth_security_policy.models.res_users"


def policy_enforced():
    """password_security skips its rules, and auth_password_policy's length, whenever tests run
    (`config["test_enable"]`), so that other modules' tests may use any password: these tests turn them on."""
    return patch.object(password_security_res_users, "config", {"test_enable": False})


class LoginLockCleanMixin:
    """The lock table is the process's: each test starts with no failure counted and leaves none behind."""

    def setUp(self):
        super().setUp()
        LOGIN_LOCK.clear()
        self.addCleanup(LOGIN_LOCK.clear)
