from odoo.addons.stride_demo.lib.roles import ROLE_GROUPS, ROLE_NAMES


def test_every_internal_role_is_an_employee_and_the_customer_is_portal_only():
    assert set(ROLE_GROUPS) == {"manager", "warehouse", "support", "customer"}
    for role, groups in ROLE_GROUPS.items():
        if role == "customer":
            assert groups == ("base.group_portal",)
        else:
            assert "base.group_user" in groups
            assert role in ROLE_NAMES


def test_only_the_manager_buys():
    buyers = {role for role, groups in ROLE_GROUPS.items() if any(g.startswith("purchase.") for g in groups)}
    assert buyers == {"manager"}
