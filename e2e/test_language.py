"""The header language select switches the interface, and the choice follows the user in."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_switch_to_russian_and_keep_it_after_logging_in(
    page: Page, base: str, teacher, password: str, log_in
):
    page.goto(base + "/")
    expect(page.get_by_role("button", name="Sign up as a teacher")).to_be_visible()

    # app.js submits the form as soon as the choice changes; there is no button to press.
    page.get_by_role("banner").get_by_label("Interface language").select_option("ru")

    expect(page.get_by_role("button", name="Зарегистрироваться как преподаватель")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert page.url == base + "/"  # back on the page the visitor was on
    page.get_by_role("banner").get_by_role("link", name="Войти").click()

    expect(page.get_by_role("heading", name="Войти")).to_be_visible()
    # Field labels are not part of the agreed wording, so the fields are found by their names.
    page.locator("input[name=username]").fill(teacher.email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Войти").click()

    navigation = page.get_by_role("navigation")
    expect(navigation.get_by_role("link", name="Главная")).to_be_visible()
    expect(navigation.get_by_role("link", name="Ученики")).to_be_visible()
    teacher.refresh_from_db()
    assert teacher.language == "ru"

    # Later, from a browser that never chose a language, the interface is still Russian.
    page.context.clear_cookies()
    log_in(page, teacher)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_role("banner").get_by_text(teacher.get_short_name()).click()  # the user menu
    expect(page.get_by_role("link", name="Профиль")).to_be_visible()
