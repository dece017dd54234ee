"""`scripts/bench run --explain`: which code asks a route's queries (scripts/stride_bench/explain.py).

Pure: stacks are given as (filename, function) pairs, innermost first; the hook is driven by hand.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from stride_bench import explain  # noqa: E402

OURS = Path("/srv/stride/addons")
ODOO = "/opt/odoo/odoo/addons"


def test_a_query_asked_by_our_addon_names_its_file_and_function_even_below_odoo_code():
    frames = [("/opt/odoo/odoo/sql_db.py", "execute"), (f"{ODOO}/mail/models/mail_thread.py", "message_post"),
              ("/srv/stride/addons/sale_order_pipeline/models/sale_order.py", "_notify_stage"),
              (f"{ODOO}/sale/models/sale_order.py", "action_confirm")]
    assert explain.source_of(frames, OURS) == "sale_order_pipeline/models/sale_order.py:_notify_stage"


def test_an_override_that_only_calls_super_leaves_odoos_queries_to_odoo():
    frames = [("/opt/odoo/odoo/sql_db.py", "execute"), (f"{ODOO}/stock/models/stock_move.py", "_action_assign"),
              (f"{ODOO}/sale_stock/models/sale_order.py", "_action_confirm"),
              ("/srv/stride/addons/sale_order_pipeline/models/sale_order.py", "_action_confirm"),
              ("/srv/stride/addons/loyalty_tier/models/payment_transaction.py", "_post_process")]
    # _action_confirm of ours passes the call on; _post_process of ours called it: no, it also calls super's
    # _post_process, whose frame is missing here, so it is the caller of record.
    assert explain.source_of(frames, OURS) == "loyalty_tier/models/payment_transaction.py:_post_process"
    frames.insert(4, (f"{ODOO}/payment/models/payment_transaction.py", "_post_process"))
    assert explain.source_of(frames, OURS) == "odoo:stock"


def test_a_query_of_odoo_alone_names_the_innermost_odoo_module_or_the_core():
    frames = [("/opt/odoo/odoo/orm/models.py", "_read"), (f"{ODOO}/mail/models/mail_thread.py", "message_post"),
              (f"{ODOO}/sale/models/sale_order.py", "action_confirm")]
    assert explain.source_of(frames, OURS) == "odoo:mail"
    assert explain.source_of([("/opt/odoo/odoo/http.py", "dispatch")], OURS) == explain.CORE
    # An OCA wheel lives in site-packages/odoo/addons/<module>: named the same way.
    oca = [("/usr/lib/python3/site-packages/odoo/addons/auditlog/models/rule.py", "create_logs")]
    assert explain.source_of(oca, OURS) == "odoo:auditlog"


def test_a_sibling_folder_that_only_starts_like_ours_is_not_ours():
    frames = [("/srv/stride/addons_extra/x/models.py", "f")]
    assert explain.source_of(frames, OURS) == explain.CORE


def test_compare_keeps_the_sources_that_differ_per_request_largest_extra_first():
    plain = Counter({"odoo:sale": 20, "odoo:mail": 10, explain.CORE: 4})
    suite = Counter({"odoo:sale": 20, "odoo:mail": 16, explain.CORE: 4, "stride_audit/models/x.py:log": 30})
    rows = explain.compare_sources(plain, suite, requests=2)
    assert rows == [("stride_audit/models/x.py:log", 0.0, 15.0), ("odoo:mail", 5.0, 8.0)]
    table = explain.text_table("payment confirmation", rows, (17.0, 35.0))
    assert "stride_audit/models/x.py:log" in table and "+18.0" in table
    assert "by addon: stride_audit +15.0, mail +3.0" in table


def test_by_addon_sums_our_functions_per_folder_and_odoo_per_module():
    rows = [("loyalty_tier/models/a.py:f", 0.0, 10.0), ("loyalty_tier/models/b.py:g", 0.0, 2.0),
            ("odoo:stock", 52.0, 44.0), ("odoo:bus", 4.0, 4.0)]
    assert explain.by_addon(rows) == [("loyalty_tier", 12.0), ("stock", -8.0)]


def test_the_hook_counts_only_while_a_route_is_active():
    sources = explain.QuerySources(OURS)
    sources.hook(None, "SELECT 1", None, 0, 10)
    assert sources.counts == {}
    sources.active = ("/shop", "suite")
    sources.hook(None, "SELECT 1", None, 0, 10)
    sources.hook(None, "SELECT 2", None, 0, 10)
    assert sum(sources.counts[("/shop", "suite")].values()) == 2


def test_the_hook_keeps_each_query_when_asked_and_writes_them_tab_separated():
    class FakeSQL:  # odoo.tools.SQL: the cursor's hook gets the object, its text in `code`
        code = "SELECT id\n   FROM sale_order\tWHERE id = %s"

    sources = explain.QuerySources(OURS, keep_queries=True)
    sources.active = ("payment confirmation", "suite")
    sources.hook(None, FakeSQL(), None, 0, 10)
    sources.hook(None, b"SELECT  1", None, 0, 10)
    sources.hook(None, "x" * 1000, None, 0, 10)
    source = sources.queries[0][2]
    assert sources.queries[:2] == [
        ("payment confirmation", "suite", source, "SELECT id FROM sale_order WHERE id = %s"),
        ("payment confirmation", "suite", source, "SELECT 1"),
    ]
    assert len(sources.queries[2][3]) == explain.QUERY_TEXT_LIMIT
    lines = explain.query_lines(sources.queries).splitlines()
    assert lines[0] == "route\tside\tsource\tquery"
    assert lines[1].split("\t") == ["payment confirmation", "suite", source, "SELECT id FROM sale_order WHERE id = %s"]
    assert explain.QuerySources(OURS).queries is None  # not kept unless asked
