{
    "name": "Stride Audit Trail",
    "summary": "Who changed customers, orders, prices, stock thresholds, loyalty points and user rights, when, old → "
    "new: OCA Audit Log rules, readable by administrators only, kept for a set number of days",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    # AGPL like OCA's auditlog, whose cache helper this addon subclasses.
    "license": "AGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # auditlog records the changes and vacuums old logs; base_setup holds the settings page of the retention period.
    # The audited models of other addons (sales, stock, loyalty, ours) are not dependencies: each rule appears once
    # its model is installed.
    "depends": ["auditlog", "base_setup"],
    "data": [
        "security/ir.model.access.csv",
        "security/auditlog_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "views/auditlog_rule_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
