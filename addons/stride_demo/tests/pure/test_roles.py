from odoo.addons.stride_demo.lib.roles import ROLE_GROUPS, ROLE_NAMES


def test_every_internal_role_is_an_employee_and_the_customer_is_portal_only():
    assert set(ROLE_GROUPS) == {"manager", "warehouse", "support", "customer", "agent", "crm_manager"}
    for role, groups in ROLE_GROUPS.items():
        if role == "customer":
            assert groups == ("base.group_portal",)
        else:
            assert "base.group_user" in groups
            assert role in ROLE_NAMES


def test_only_the_manager_buys():
    buyers = {role for role, groups in ROLE_GROUPS.items() if any(g.startswith("purchase.") for g in groups)}
    assert buyers == {"manager"}


def test_customer_insight_roles_are_the_agent_and_the_manager():
    insight = {
        role: [group for group in groups if group.startswith("crm_customer_insight.")]
        for role, groups in ROLE_GROUPS.items()
    }
    assert {role: groups for role, groups in insight.items() if groups} == {
        "agent": ["crm_customer_insight.group_customer_insight_agent"],
        "crm_manager": ["crm_customer_insight.group_customer_insight_manager"],
    }
