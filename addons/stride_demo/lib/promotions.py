"""The demo shop's running promotions and upcoming events: codes, the sale's window, the events' times (no ORM)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# The home page's hero names these two: keep them in step with it.
WELCOME_CODE = "WELCOME10"
WELCOME_PERCENT = 10
SALE_NAME = "Winter sale"
SALE_CATEGORY = "Boots"
SALE_PERCENT = 20
SALE_STARTED_DAYS_AGO = 7
SALE_DAYS = 60

SHOP_TZ = "Asia/Ho_Chi_Minh"


def sale_window(today: date) -> tuple[date, date]:
    """First and last day of the winter sale: started a week before ``today``, running about two months."""
    return today - timedelta(days=SALE_STARTED_DAYS_AGO), today + timedelta(days=SALE_DAYS)


@dataclass(frozen=True)
class EventPlan:
    code: str  # names the event's texts, which the builder writes in every shop language (translations in i18n/)
    days_ahead: int
    starts: time  # in the shop's timezone
    hours: int
    online: bool
    seats: int


EVENTS = (
    EventPlan("run_club", 12, time(6, 30), 3, False, 40),
    EventPlan("webinar", 19, time(19, 0), 1, True, 0),
)


def event_times(plan: EventPlan, today: date, tz: str = SHOP_TZ) -> tuple[datetime, datetime]:
    """Start and end of an event as naive UTC datetimes (how Odoo stores them), from its local start time."""
    local = datetime.combine(today + timedelta(days=plan.days_ahead), plan.starts, tzinfo=ZoneInfo(tz))
    begin = local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    return begin, begin + timedelta(hours=plan.hours)
