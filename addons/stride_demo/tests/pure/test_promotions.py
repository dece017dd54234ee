from datetime import date, datetime

from odoo.addons.stride_demo.lib.promotions import EVENTS, event_times, sale_window

TODAY = date(2026, 12, 1)


def test_the_sale_runs_today_for_about_two_months():
    start, end = sale_window(TODAY)
    assert start < TODAY < end
    assert 50 <= (end - TODAY).days <= 70


def test_one_event_in_person_and_one_online_both_upcoming():
    assert sorted(plan.online for plan in EVENTS) == [False, True]
    for plan in EVENTS:
        begin, end = event_times(plan, TODAY)
        assert datetime.combine(TODAY, datetime.min.time()) < begin < end


def test_event_times_are_the_local_start_in_utc():
    run = next(plan for plan in EVENTS if not plan.online)
    begin, end = event_times(run, TODAY, tz="Asia/Ho_Chi_Minh")
    assert begin == datetime(2026, 12, 12, 23, 30)  # 06:30 on the 13th in Ho Chi Minh City (UTC+7)
    assert (end - begin).total_seconds() == run.hours * 3600
