"""The arithmetic of `scripts/bench load`, without Odoo or Locust: where load may go, which kind of database it runs
on and what its staff do there, Locust's statistics, orders per hour, oversold units and the verdict against the
issue's targets. Imported by load.py and by the locustfile."""

import csv
import io
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlparse

from stride_bench.build import SUITE_MODULE

# Issue 16: 50 simulated shoppers on the 2-core machine, p95 < 300 ms, no error, nothing oversold, >= 10,000 orders/h.
TARGETS = {"shoppers": 50, "p95_ms": 300, "errors": 0, "oversold_units": 0, "orders_per_hour": 10_000}
# Seconds a shopper pauses between two pages unless --think says otherwise: a hurried shopper (the target of 10,000
# orders/hour at 50 shoppers leaves 18 s per order).
HURRIED_THINK = (0.2, 1.0)
PIPELINE_MODULE = "sale_order_pipeline"
# What the staff's fulfilment list holds: paid orders still on their way, by sale_order_pipeline's stage or, in
# plain Odoo, by sale_stock's delivery status.
STAGES_TO_FULFIL = ("confirmed", "packaging", "shipping")
DELIVERIES_TO_FULFIL = ("pending", "started", "partial")


def is_loopback(url: str) -> bool:
    """Whether the host of `url` is this machine (127.0.0.0/8, ::1 or localhost): the only target load may have."""
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def database_kind(installed_ours: set[str]) -> str:
    """"suite" when `stride` is installed, "plain" when none of our addons is (a database of Odoo's modules only,
    as `scripts/bench build` makes), "partial" for some of them."""
    if SUITE_MODULE in installed_ours:
        return "suite"
    return "partial" if installed_ours else "plain"


def order_stage_field(pipeline: bool) -> str:
    """The field that says where a paid order stands: sale_order_pipeline's stage, else Odoo's delivery status."""
    return "pipeline_stage" if pipeline else "delivery_status"


def fulfilment_list(pipeline: bool) -> tuple[list, list[str]]:
    """Domain and fields of the staff's list of paid orders still to fulfil, with or without sale_order_pipeline.

    Only orders with transfers: the generator's confirmed orders have none, so no one can move them on, and listed
    oldest first they would fill the list and leave the staff idle in both kinds of database."""
    stage = order_stage_field(pipeline)
    stages = STAGES_TO_FULFIL if pipeline else DELIVERIES_TO_FULFIL
    domain = [["state", "=", "sale"], [stage, "in", list(stages)], ["picking_ids", "!=", False]]
    return domain, ["name", stage, "amount_total", "partner_id"]


def next_staff_move(order: dict, pickings: list[dict], pipeline: bool) -> tuple[str, str, list] | None:
    """What a staff user does next for `order` (a row of the fulfilment list), given its transfers not done yet
    (rows with id, picking_type_code and state, in id order): (model, method, call_kw args), or None when nothing is
    ready. With Odoo alone: validate the first ready transfer (pick, pack, then the delivery, in turn). With
    sale_order_pipeline: validating pick (and pack) moves the order to Packaging; once only the delivery is left,
    the order is moved on (Confirmed to Packaging for a one-step delivery), shipped with a tracking number, then
    received."""
    ready = next((picking for picking in pickings if picking["state"] == "assigned"), None)
    validate = ("stock.picking", "button_validate", [[ready["id"]]]) if ready else None
    if not pipeline:
        return validate
    stage, ids = order["pipeline_stage"], [order["id"]]
    if stage == "shipping":
        return ("sale.order", "action_pipeline_confirm_receipt", [ids])
    if not any(picking["picking_type_code"] == "outgoing" for picking in pickings):
        return validate
    if stage == "packaging":
        return ("sale.order", "action_pipeline_ship", [ids, f"LOAD{order['id']}"])
    return ("sale.order", "action_pipeline_advance", [ids])


def dialog_opened(answer) -> str | None:
    """The model of the dialog a button's answer opens (a wizard such as stock_sms's or the backorder question:
    nothing is done until someone answers it), or None when the button did its work (True, or a report to print)."""
    if isinstance(answer, dict) and answer.get("type") == "ir.actions.act_window" and answer.get("target") == "new":
        return answer.get("res_model") or "?"
    return None


@dataclass
class RequestStats:
    """One line of Locust's `<prefix>_stats.csv`: a request type (or the aggregate of all of them)."""

    method: str
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests_per_s: float


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def read_locust_stats(text: str) -> tuple[list[RequestStats], RequestStats | None]:
    """Locust's stats CSV: the request types, and its "Aggregated" line (None when absent)."""
    rows, aggregated = [], None
    for row in csv.DictReader(io.StringIO(text)):
        stats = RequestStats(
            method=row["Type"],
            name=row["Name"],
            requests=int(row["Request Count"]),
            failures=int(row["Failure Count"]),
            p50_ms=_number(row["50%"]),
            p95_ms=_number(row["95%"]),
            p99_ms=_number(row["99%"]),
            requests_per_s=_number(row["Requests/s"]),
        )
        if stats.name == "Aggregated":
            aggregated = stats
        else:
            rows.append(stats)
    return rows, aggregated


def read_locust_failures(text: str) -> list[tuple[str, str, int]]:
    """Locust's failures CSV: (request, error, occurrences), most frequent first."""
    failures = [(f"{row['Method']} {row['Name']}", row["Error"], int(row["Occurrences"]))
                for row in csv.DictReader(io.StringIO(text))]
    return sorted(failures, key=lambda failure: -failure[2])


def orders_per_hour(orders: int, seconds: float) -> float:
    """Orders paid in `seconds` of load, per hour at that pace."""
    return orders * 3600 / seconds if seconds > 0 else 0.0


def oversold_units(sellable_at_start: dict[str, float], sold: dict[str, float]) -> dict[str, float]:
    """Per product, the units sold beyond what could be sold when the run started (only the products oversold)."""
    over = {name: sold.get(name, 0.0) - sellable for name, sellable in sellable_at_start.items()}
    over.update({name: units for name, units in sold.items() if name not in sellable_at_start})
    return {name: units for name, units in over.items() if units > 0}


def requests_per_worker(requests_per_s: float, workers: int) -> float:
    """Requests per second one Odoo worker served."""
    return requests_per_s / workers if workers else 0.0


@dataclass
class Check:
    """One target of the verdict."""

    name: str
    measured: float
    target: str
    ok: bool


def verdict(shoppers: int, p95_ms: float, errors: int, oversold: float, per_hour: float,
            targets: dict = TARGETS) -> list[Check]:
    """Each target of the issue against what the run measured."""
    return [
        Check("simulated shoppers", shoppers, f">= {targets['shoppers']}", shoppers >= targets["shoppers"]),
        Check("p95 of all requests (ms)", p95_ms, f"< {targets['p95_ms']}", p95_ms < targets["p95_ms"]),
        Check("errors", errors, f"= {targets['errors']}", errors <= targets["errors"]),
        Check("units oversold", oversold, f"= {targets['oversold_units']}", oversold <= targets["oversold_units"]),
        Check("orders per hour", round(per_hour), f">= {targets['orders_per_hour']}",
              per_hour >= targets["orders_per_hour"]),
    ]
