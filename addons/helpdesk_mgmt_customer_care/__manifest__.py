{
    "name": "Customer Care Cases",
    "summary": "Care cases on OCA Helpdesk: portal cases about one of the customer's orders, round-robin or "
    "least-loaded assignment, the customer following each case, a rating request on close, assign in one step",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # The OCA helpdesk does cases, teams, e-mail aliases, the portal, SLAs, ratings and the case-order link; this
    # addon wires them into one care flow.
    "depends": ["helpdesk_mgmt_sale", "helpdesk_mgmt_rating", "helpdesk_mgmt_sla"],
    "data": [
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_stage_data.xml",
        "views/helpdesk_ticket_team_views.xml",
        "wizards/helpdesk_ticket_assign_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
    ],
    "installable": True,
}
