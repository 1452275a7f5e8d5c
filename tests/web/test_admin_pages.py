"""Admin pages in a real browser: an admin adds a user with a role, changes the role, disables
the user (who then cannot sign in), and finds all of it in the audit log by its filters."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.conftest import SignedIn
from tests.web.harness import Service, checked, sign_in, status


def test_an_admin_adds_a_user_changes_the_role_and_disables_them(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("admin")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="Users", exact=True)).to_be_visible()
    page.get_by_label("Username").fill("sam.jones")
    page.get_by_label("Password").fill("too short!")
    page.get_by_label("Role").select_option("coordinator")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 12 characters")
    checked(page, "admin-users-error")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_text("User sam.jones added")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="sam.jones")
    expect(row).to_contain_text("coordinator")
    checked(page, "admin-users")

    row.get_by_role("link", name="Change").click()
    page.get_by_label("New role").select_option("manager")
    page.get_by_role("button", name="Change role").click()
    expect(page.get_by_role("definition").filter(has_text="manager")).to_be_visible()
    page.get_by_role("button", name="Disable sam.jones").click()
    expect(page.get_by_text("no: disabled")).to_be_visible()
    checked(page, "admin-user")


def test_a_disabled_user_cannot_sign_in(browser_without_js: SignedIn, service: Service) -> None:
    admin = browser_without_js("admin")
    admin.goto("/web/admin/users/manager")
    admin.get_by_role("button", name="Disable manager").click()
    admin.get_by_role("button", name="Sign out").click()
    sign_in(admin, service, "manager")
    expect(admin.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    sign_in(admin, service, "admin")
    admin.goto("/web/admin/users/manager")
    admin.get_by_role("button", name="Enable manager").click()
    expect(admin.get_by_text("no: disabled")).to_have_count(0)


def test_the_audit_log_filters_by_who_what_record_and_days(
    signed_in: SignedIn, service: Service
) -> None:
    page = signed_in("admin")
    page.goto("/web/admin/users")
    page.get_by_label("Username").fill("audited.user")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Add user").click()
    page.get_by_role("navigation", name="Users pages").get_by_role("link", name="Audit log").click()
    page.get_by_label("Who").fill("admin")
    page.get_by_label("Record type").fill("user")
    page.get_by_label("From day").fill(service.as_of.isoformat())
    page.get_by_label("To day").fill(service.as_of.isoformat())
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("audited.user")
    for text in rows.all_inner_texts():
        assert "admin" in text
        assert "user" in text
    checked(page, "admin-audit")
    page.get_by_label("From day").fill("2030-01-02")
    page.get_by_label("To day").fill("2030-01-01")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("alert")).to_contain_text("swap the dates")


def test_a_manager_reads_the_audit_log_but_may_not_manage_users(
    signed_in: SignedIn, page: Page
) -> None:
    signed_in("manager")
    assert status(page.goto("/web/admin/audit")) == 200
    assert status(page.goto("/web/admin/users")) == 403
    checked(page, "admin-users-forbidden")
