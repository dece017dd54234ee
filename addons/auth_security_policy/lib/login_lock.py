"""Failed logins counted per login, in memory: after `max_failures` in a row, the login is locked for a while."""

import threading
from collections import OrderedDict


class LoginLock:
    """Failures per key (database, login), at most `max_entries` keys: the least recently failed key goes first.

    Times are seconds (time.monotonic() in production); every method takes `now` so the rules are tested without
    a clock. One lock guards the table: the HTTP workers of a process are threads.
    """

    def __init__(self, max_failures=10, lock_seconds=300, max_entries=10_000):
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self.max_entries = max_entries
        self._entries = OrderedDict()  # key -> (failures in a row, locked until or None)
        self._mutex = threading.Lock()

    def __len__(self):
        return len(self._entries)

    def locked_for(self, key, now):
        """Seconds the key stays locked (0 when it may try to log in)."""
        with self._mutex:
            failures, locked_until = self._entries.get(key, (0, None))
            if locked_until is None:
                return 0
            if now >= locked_until:
                # The lock is over: the next failure starts a new count.
                del self._entries[key]
                return 0
            return locked_until - now

    def fail(self, key, now):
        """Count a failure; return True when it locks the key."""
        with self._mutex:
            failures, locked_until = self._entries.pop(key, (0, None))
            failures += 1
            locked = failures >= self.max_failures
            self._entries[key] = (failures, now + self.lock_seconds if locked else locked_until)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            return locked

    def succeed(self, key):
        """A successful login forgets the failures."""
        with self._mutex:
            self._entries.pop(key, None)

    def clear(self):
        with self._mutex:
            self._entries.clear()
