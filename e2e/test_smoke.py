from playwright.sync_api import Page, expect


def test_landing_page_offers_sign_up(page: Page, base: str):
    page.goto(base + "/")
    expect(page.get_by_role("button", name="Sign up as a teacher")).to_be_visible()
