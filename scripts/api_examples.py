#!/usr/bin/env python3
"""How an integrator talks to Stride: the same queries over XML-RPC and over JSON-2 (Odoo 19's API).

    scripts/api_examples.py --url http://localhost:8069 --db stride --login manager --password manager
    scripts/api_examples.py --url http://localhost:8069 --db stride --api-key <key from Preferences > Security>

XML-RPC authenticates with login + password (or an API key as the password); JSON-2 only takes an API key, sent as a
bearer token. Standard library only, so it runs anywhere.
"""

import argparse
import json
import urllib.request
import xmlrpc.client


def xmlrpc_products(url: str, db: str, login: str, secret: str, limit: int = 5) -> list[dict]:
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    print("server version:", common.version()["server_version"])
    uid = common.authenticate(db, login, secret, {})
    if not uid:
        raise SystemExit("XML-RPC authentication failed: check the database, login and password/API key")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
    return models.execute_kw(db, uid, secret, "product.template", "search_read",
                             [[("sale_ok", "=", True)]], {"fields": ["name", "list_price"], "limit": limit})


def json2_products(url: str, db: str, api_key: str, limit: int = 5) -> list[dict]:
    body = {"domain": [["sale_ok", "=", True]], "fields": ["name", "list_price"], "limit": limit}
    request = urllib.request.Request(
        f"{url}/json/2/product.template/search_read", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"bearer {api_key}", "X-Odoo-Database": db,
                 "Content-Type": "application/json; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="stride")
    parser.add_argument("--login", default="manager")
    parser.add_argument("--password", default="manager")
    parser.add_argument("--api-key", help="an API key of the user (required for JSON-2)")
    args = parser.parse_args()
    for product in xmlrpc_products(args.url, args.db, args.login, args.api_key or args.password):
        print("xml-rpc:", product["name"], product["list_price"])
    if args.api_key:
        for product in json2_products(args.url, args.db, args.api_key):
            print("json-2: ", product["name"], product["list_price"])


if __name__ == "__main__":
    main()
