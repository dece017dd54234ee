{
    "name": "API Rate Limits per Key",
    "summary": "At most N requests per hour for each API key on JSON-2, XML-RPC and JSON-RPC; 429 with Retry-After",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Stride",
    "website": "https://github.com/stride-shop/stride",
    # rpc holds Odoo's JSON-2, XML-RPC and JSON-RPC endpoints; the API keys themselves are base's.
    "depends": ["rpc"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "views/rpc_rate_limit_window_views.xml",
    ],
    "installable": True,
}
