"""scripts/bench load's arithmetic (pure: no Odoo, no Locust): where load may go, --think, the kind of database and
what staff do on it, Locust's statistics, orders per hour, oversold units and the verdict."""

import pytest
from stride_bench.load import main, parse_args, production_options, think_range
from stride_bench.load_figures import (
    HURRIED_THINK,
    TARGETS,
    database_kind,
    dialog_opened,
    fulfilment_list,
    is_loopback,
    next_staff_move,
    order_stage_field,
    orders_per_hour,
    oversold_units,
    read_locust_failures,
    read_locust_stats,
    requests_per_worker,
    verdict,
)

STATS_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
    "GET,/shop,120,0,85,97.1,40,640,51234,2.0,0.0,85,100,110,120,160,210,300,420,640,640,640\n"
    "POST,/shop/cart/add,60,2,120,130.5,60,900,400,1.0,0.03,120,130,140,150,200,280,500,700,900,900,900\n"
    "CHECK,payment done,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n"
    ",Aggregated,180,2,95,108.2,40,900,34289,3.0,0.03,95,110,120,130,180,250,400,600,900,900,900\n"
)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8069", "http://127.8.9.10", "http://localhost:8069/shop",
                                 "http://[::1]:8069", "127.0.0.1"])
def test_loopback_targets_are_accepted(url):
    assert is_loopback(url)


@pytest.mark.parametrize("url", ["http://10.0.0.5:8069", "https://shop.example.com", "http://0.0.0.0:8069",
                                 "http://[::]:8069", "http://127.0.0.1.example.com", "http://192.168.1.2", ""])
def test_other_targets_are_refused(url):
    assert not is_loopback(url)


def test_a_public_interface_is_refused_before_anything_starts(capsys):
    assert main(["-c", "odoo.conf", "-d", "db", "--http-interface", "0.0.0.0"]) == 2
    assert "not a loopback address" in capsys.readouterr().err


REQUIRED = ["-c", "odoo.conf", "-d", "db"]


def test_shoppers_stay_hurried_unless_told_otherwise():
    assert parse_args(REQUIRED).think == HURRIED_THINK == (0.2, 1.0)


@pytest.mark.parametrize(("text", "pauses"), [("3-10", (3.0, 10.0)), ("0.2-1.0", (0.2, 1.0)), ("0-0", (0.0, 0.0)),
                                              (" 1.5 - 2 ", (1.5, 2.0)), (".5-2.", (0.5, 2.0)), ("4-4", (4.0, 4.0))])
def test_think_takes_min_and_max_seconds(text, pauses):
    assert think_range(text) == pauses
    assert parse_args([*REQUIRED, "--think", text]).think == pauses


@pytest.mark.parametrize(("text", "reason"), [
    ("10-3", "MIN (10) is more than MAX (3)"),
    ("-1-2", "a pause cannot be negative"),
    ("1--2", "a pause cannot be negative"),
    ("3", "is not MIN-MAX in seconds"),
    ("1-2-3", "is not MIN-MAX in seconds"),
    ("fast-slow", "is not MIN-MAX in seconds"),
    ("nan-inf", "is not MIN-MAX in seconds"),
    ("", "is not MIN-MAX in seconds"),
])
def test_think_refuses_what_is_no_range_of_pauses(text, reason, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args([*REQUIRED, f"--think={text}"])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "--think" in error and reason in error


def test_the_kind_of_database_comes_from_our_addons_installed():
    assert database_kind(set()) == "plain"
    assert database_kind({"stride", "sale_order_pipeline", "website_sale_stock_hold"}) == "suite"
    assert database_kind({"sale_order_pipeline"}) == "partial"


def test_plain_odoo_staff_list_orders_by_delivery_status_without_the_pipeline_stage():
    domain, fields = fulfilment_list(pipeline=False)
    assert domain == [["state", "=", "sale"], ["delivery_status", "in", ["pending", "started", "partial"]],
                      ["picking_ids", "!=", False]]
    assert "delivery_status" in fields
    assert "pipeline_stage" not in repr((domain, fields))
    assert order_stage_field(pipeline=False) == "delivery_status"


def test_suite_staff_list_orders_by_pipeline_stage():
    domain, fields = fulfilment_list(pipeline=True)
    assert ["pipeline_stage", "in", ["confirmed", "packaging", "shipping"]] in domain
    assert ["picking_ids", "!=", False] in domain  # orders without transfers: nothing to move on
    assert "pipeline_stage" in fields
    assert order_stage_field(pipeline=True) == "pipeline_stage"


PICK = {"id": 11, "picking_type_code": "internal", "state": "assigned"}
PACK = {"id": 12, "picking_type_code": "internal", "state": "waiting"}
OUT_WAITING = {"id": 13, "picking_type_code": "outgoing", "state": "waiting"}
OUT_READY = {"id": 14, "picking_type_code": "outgoing", "state": "assigned"}


def test_plain_odoo_staff_validate_the_first_ready_transfer():
    order = {"id": 7, "delivery_status": "pending"}
    assert next_staff_move(order, [PICK, PACK, OUT_WAITING], pipeline=False) == \
        ("stock.picking", "button_validate", [[11]])
    assert next_staff_move(order, [OUT_READY], pipeline=False) == ("stock.picking", "button_validate", [[14]])


def test_plain_odoo_staff_wait_when_no_transfer_is_ready():
    assert next_staff_move({"id": 7, "delivery_status": "started"}, [PACK, OUT_WAITING], pipeline=False) is None
    assert next_staff_move({"id": 7, "delivery_status": "pending"}, [], pipeline=False) is None


@pytest.mark.parametrize(("stage", "pickings", "move"), [
    ("shipping", [], ("sale.order", "action_pipeline_confirm_receipt", [[7]])),
    ("packaging", [OUT_READY], ("sale.order", "action_pipeline_ship", [[7], "LOAD7"])),
    ("confirmed", [OUT_READY], ("sale.order", "action_pipeline_advance", [[7]])),
    ("confirmed", [PICK, PACK], ("stock.picking", "button_validate", [[11]])),
    ("confirmed", [PACK], None),
])
def test_suite_staff_move_orders_through_the_pipeline(stage, pickings, move):
    assert next_staff_move({"id": 7, "pipeline_stage": stage}, pickings, pipeline=True) == move


def test_a_dialog_in_answer_to_a_staff_move_means_nothing_was_done():
    sms = {"type": "ir.actions.act_window", "res_model": "confirm.stock.sms", "target": "new", "res_id": 3}
    backorder = {"type": "ir.actions.act_window", "res_model": "stock.backorder.confirmation", "target": "new"}
    assert dialog_opened(sms) == "confirm.stock.sms"
    assert dialog_opened(backorder) == "stock.backorder.confirmation"


@pytest.mark.parametrize("answer", [
    True, None, {"type": "ir.actions.client", "tag": "do_multi_print"},
    {"type": "ir.actions.act_window", "res_model": "stock.picking", "target": "current"},
])
def test_a_move_that_did_its_work(answer):
    assert dialog_opened(answer) is None


def test_locust_stats_give_percentiles_per_request_and_aggregated():
    rows, aggregated = read_locust_stats(STATS_CSV)
    assert [(row.method, row.name) for row in rows] == [("GET", "/shop"), ("POST", "/shop/cart/add"),
                                                         ("CHECK", "payment done")]
    cart = rows[1]
    assert (cart.requests, cart.failures, cart.p50_ms, cart.p95_ms, cart.p99_ms) == (60, 2, 120, 280, 700)
    assert rows[2].p95_ms == 0.0  # a line without timings ("N/A")
    assert (aggregated.requests, aggregated.failures, aggregated.p95_ms) == (180, 2, 250)
    assert aggregated.requests_per_s == 3.0


def test_stats_without_an_aggregated_line():
    rows, aggregated = read_locust_stats(STATS_CSV.rsplit(",Aggregated", 1)[0])
    assert len(rows) == 3 and aggregated is None


def test_failures_most_frequent_first():
    text = ("Method,Name,Error,Occurrences\nPOST,/shop/cart/add,HTTP 500,2\n"
            "POST,/payment/status/poll,JSON-RPC error: retry,7\n")
    assert read_locust_failures(text) == [("POST /payment/status/poll", "JSON-RPC error: retry", 7),
                                          ("POST /shop/cart/add", "HTTP 500", 2)]


def test_orders_per_hour_from_orders_and_seconds():
    assert orders_per_hour(500, 180) == 10_000
    assert orders_per_hour(42, 60) == 2520
    assert orders_per_hour(3, 0) == 0.0


def test_nothing_oversold_when_sales_stay_within_what_was_free():
    assert oversold_units({"A": 20, "B": 20}, {"A": 20, "B": 3}) == {}


def test_units_sold_beyond_what_was_free_are_oversold():
    assert oversold_units({"A": 20, "B": 5}, {"A": 21, "B": 5}) == {"A": 1}


def test_a_product_sold_without_any_free_units_is_oversold_entirely():
    assert oversold_units({"A": 0}, {"A": 2, "B": 1}) == {"A": 2, "B": 1}


def test_requests_per_worker():
    assert requests_per_worker(30.0, 2) == 15.0
    assert requests_per_worker(30.0, 0) == 0.0


def test_verdict_passes_only_when_every_target_is_met():
    assert all(check.ok for check in verdict(50, 299, 0, 0, 10_000))
    failed = {check.name for check in verdict(50, 300, 1, 2, 9_999) if not check.ok}
    assert failed == {"p95 of all requests (ms)", "errors", "units oversold", "orders per hour"}
    assert not verdict(10, 100, 0, 0, 20_000)[0].ok  # fewer shoppers than the target is no proof


def test_targets_are_the_issues():
    assert TARGETS == {"shoppers": 50, "p95_ms": 300, "errors": 0, "oversold_units": 0, "orders_per_hour": 10_000}


def test_server_options_come_from_the_production_configuration():
    flags, workers = production_options()
    assert workers == 2
    assert "--workers=2" in flags and "--max-cron-threads=1" in flags and "--proxy-mode" in flags
    assert "--limit-time-real=300" in flags
    assert not any(flag.startswith(("--db", "--addons", "--data-dir", "--http-port", "--gevent")) for flag in flags)
    flags, workers = production_options(workers=4)
    assert workers == 4 and "--workers=4" in flags
