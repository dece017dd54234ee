"""Pure tests of lib/login_lock.py: when a login is locked, for how long, and how the table stays bounded."""

from odoo.addons.auth_security_policy.lib.login_lock import LoginLock


def test_ten_failures_lock_the_login_for_five_minutes():
    lock = LoginLock()
    for _attempt in range(9):
        assert not lock.fail("anna", 100)
    assert not lock.locked_for("anna", 100)
    assert lock.fail("anna", 100)
    assert lock.locked_for("anna", 100) == 300
    assert lock.locked_for("anna", 399) == 1
    assert lock.locked_for("anna", 400) == 0


def test_after_the_lock_the_count_starts_again():
    lock = LoginLock(max_failures=2, lock_seconds=10)
    lock.fail("anna", 0)
    lock.fail("anna", 0)
    assert lock.locked_for("anna", 10) == 0
    assert not lock.fail("anna", 11)


def test_a_success_forgets_the_failures():
    lock = LoginLock(max_failures=2)
    lock.fail("anna", 0)
    lock.succeed("anna")
    assert not lock.fail("anna", 0)


def test_other_logins_are_not_locked():
    lock = LoginLock(max_failures=1)
    lock.fail("anna", 0)
    assert lock.locked_for("anna", 0)
    assert not lock.locked_for("bao", 0)


def test_the_table_forgets_the_least_recently_failed_login_first():
    lock = LoginLock(max_failures=3, max_entries=3)
    for login in ("anna", "bao", "chi"):
        lock.fail(login, 0)
    lock.fail("anna", 1)  # anna failed again: bao is now the least recent
    lock.fail("dung", 2)
    assert len(lock) == 3
    assert lock.fail("anna", 3)  # anna kept her two failures: the third locks
    assert not lock.fail("bao", 3)  # bao's first failure was forgotten
    assert not lock.fail("bao", 3)
