"""Two fixes to OCA auditlog 19.0.2.0.1's throwaway cache, the one it reads old and new values with during a write.

1. It sets the transaction's map of protected fields aside with ``copy.copy``, but ``StackMap`` keeps its maps in a
   list that a shallow copy shares: clearing the "empty" copy empties the real top map, so fields that the ORM was
   protecting (a compute assigning several records, an inverse) lose their protection and get recomputed.
2. Environments memoize the transaction's dirty map and protected map (``Environment._field_dirty``,
   ``Environment._protected``). An environment used before the throwaway block keeps marking records dirty in the
   real map while their values go to the throwaway data, and one used inside keeps the throwaway map afterwards:
   flushing then fails with "Could not find all values of <record> to flush" (seen with ``digest.digest``).

The closures auditlog patches onto the audited models look ``ThrowAwayCache`` up in their module at call time, so
installing this subclass there fixes them without copying them.
"""

from odoo.tools.misc import StackMap

from odoo.addons.auditlog.models import auditlog_rule

ENVIRONMENT_MEMOS = ("_field_dirty", "_protected")


class ThrowAwayCache(auditlog_rule.ThrowAwayCache):
    def __enter__(self):
        protected = self._transaction.protected
        # auditlog copies and clears whatever map is there: give it a detached one, keep the real one aside.
        self._transaction.protected = StackMap()
        super().__enter__()
        self._original_protected = protected
        self._forget_environment_memos()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        result = super().__exit__(exc_type, exc_val, exc_tb)
        self._forget_environment_memos()
        return result

    def _forget_environment_memos(self):
        """Make every environment of the transaction read the maps in place now, not the ones it memoized."""
        for env in self._transaction.envs:
            for memo in ENVIRONMENT_MEMOS:
                env.__dict__.pop(memo, None)


auditlog_rule.ThrowAwayCache = ThrowAwayCache
