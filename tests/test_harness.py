"""Pure tests of the harness helpers behind scripts/test and scripts/serve (no Odoo, no database)."""

from pathlib import Path

import pytest
from stride_harness import logscan
from stride_harness.addons import Addon, choose_template, external_dependencies, project_closure, template_key
from stride_harness.static_checks import check_access_csv, check_manifest
from stride_harness.test_command import plan_odoo_runs

DEPENDS = {
    "stride": ["website_sale", "product_shoe", "sale_order_pipeline"],
    "product_shoe": ["product"],
    "sale_order_pipeline": ["sale_stock", "portal"],
}


def line(level: str, logger: str, message: str) -> str:
    return f"2026-11-22 02:49:43,735 7685 {level} db {logger}: {message}\n"


def test_closure_puts_dependencies_first():
    assert project_closure(["stride"], DEPENDS) == ["product_shoe", "sale_order_pipeline", "stride"]


def test_closure_of_one_addon_is_only_what_it_needs():
    assert project_closure(["product_shoe"], DEPENDS) == ["product_shoe"]


def test_closure_rejects_unknown_addon_and_cycles():
    with pytest.raises(ValueError, match="unknown"):
        project_closure(["nope"], DEPENDS)
    with pytest.raises(ValueError, match="cycle"):
        project_closure(["a"], {"a": ["b"], "b": ["a"]})


def test_external_dependencies_leave_out_project_addons():
    assert external_dependencies(list(DEPENDS), DEPENDS) == ["portal", "product", "sale_stock", "website_sale"]


def test_template_key_ignores_order_and_changes_with_inputs():
    key = template_key("19.0", ["sale", "crm"], True, [])
    assert key == template_key("19.0", ["crm", "sale", "crm"], True, [])
    assert key != template_key("19.0", ["crm", "sale"], False, [])
    assert key != template_key("19.0", ["crm"], True, [])


def test_scan_counts_results_and_tests_per_module():
    report = logscan.scan([
        line("INFO", "odoo.addons.product_shoe.tests.test_sizes", "Starting TestSizes.test_eu ..."),
        line("INFO", "odoo.addons.product_shoe.tests.test_sizes", "Starting TestSizes.test_uk ..."),
        line("INFO", "odoo.tests.result", "0 failed, 0 error(s) of 2 tests when loading database 'x'"),
    ], {"product_shoe"})
    assert report.ok and report.passed == 2 and report.tests_per_module == {"product_shoe": 2}


def test_scan_fails_on_any_error_and_on_warnings_about_our_addons_only():
    report = logscan.scan([
        line("WARNING", "odoo.service.server", "Running as user 'root' is a security risk."),
        line("WARNING", "odoo.addons.product_shoe.models.brand", "something odd"),
        line("WARNING", "odoo.modules.registry", "Model product_shoe.brand has no access rules"),
        line("ERROR", "odoo.sql_db", "bad query"),
        line("ERROR", "odoo.tests.result", "1 failed, 0 error(s) of 3 tests when loading database 'x'"),
    ], {"product_shoe"})
    assert not report.ok
    assert (report.total, report.failed, report.passed) == (3, 1, 2)
    assert len(report.offending) == 3
    assert "root" not in "".join(report.offending)


def test_scan_without_result_line_is_not_ok():
    assert not logscan.scan([line("CRITICAL", "odoo.service.server", "Failed to initialize database")], set()).ok


def test_warning_naming_a_longer_module_is_not_ours():
    assert not logscan.concerns_project("odoo.modules.loading", "module product_shoe_extra is odd", {"product_shoe"})


def _addon(tmp_path: Path, manifest: dict, csv_text: str = "") -> Addon:
    folder = tmp_path / "my_addon"
    (folder / "security").mkdir(parents=True, exist_ok=True)
    (folder / "security" / "groups.xml").write_text('<odoo><record id="group_boss" model="res.groups"/></odoo>')
    if csv_text:
        (folder / "security" / "ir.model.access.csv").write_text(csv_text)
    return Addon("my_addon", folder, manifest)


def test_manifest_checks_version_license_depends_and_files(tmp_path):
    addon = _addon(tmp_path, {"version": "18.0.1.0.0", "license": "MIT", "depends": ["nope"], "data": ["x.xml"]})
    problems = check_manifest(addon, {"base"})
    assert len(problems) == 4
    good = _addon(tmp_path, {"version": "19.0.1.0.0", "license": "LGPL-3", "depends": ["base"]})
    assert check_manifest(good, {"base"}) == []


def test_access_csv_needs_real_models_and_groups(tmp_path):
    csv_text = (
        "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
        "a,a,model_shoe_brand,group_boss,1,1,1,1\n"
        "b,b,model_shoe_ghost,my_addon.group_boss,1,0,0,0\n"
        "c,c,model_shoe_brand,my_addon.group_ghost,1,0,0,0\n"
    )
    addon = _addon(tmp_path, {}, csv_text)
    problems = check_access_csv(addon, {"shoe.brand"}, {"my_addon": addon.path})
    assert len(problems) == 2
    assert "shoe_ghost" in problems[0] and "group_ghost" in problems[1]


def test_choose_template_prefers_exact_then_largest_subset():
    cached = {"small": {"sale"}, "big": {"sale", "crm"}, "alien": {"sale", "hr"}}
    assert choose_template({"sale", "crm"}, {**cached, "exact": {"sale", "crm"}}, "exact") == "exact"
    assert choose_template({"sale", "crm", "stock"}, cached, "new") == "big"
    assert choose_template({"sale", "crm", "stock"}, cached, "new", max_missing=0) is None
    assert choose_template({"website"}, cached, "new") is None


def test_each_addon_gets_its_own_database_with_only_what_it_depends_on():
    plans = plan_odoo_runs(["product_shoe", "sale_order_pipeline", "stride"], DEPENDS, each=True)
    assert [(plan.name, plan.install, plan.tested) for plan in plans] == [
        ("product_shoe", ["product_shoe"], ["product_shoe"]),
        ("sale_order_pipeline", ["sale_order_pipeline"], ["sale_order_pipeline"]),
        ("stride", ["product_shoe", "sale_order_pipeline", "stride"], ["stride"]),
    ]
    assert plans[0].dependencies == ["product"]
    assert plans[1].dependencies == ["portal", "sale_stock"]
    assert all("stride" not in plan.install for plan in plans[:2])


def test_without_each_one_database_holds_every_odoo_dependency():
    (plan,) = plan_odoo_runs(["product_shoe"], DEPENDS, each=False)
    assert plan.install == plan.tested == ["product_shoe"]
    assert plan.dependencies == ["portal", "product", "sale_stock", "website_sale"]
