"""The install page in a real browser: Debian's headless chromium, driven by Selenium through
Debian's chromedriver, clicks Add to Slack, approves on the fake Slack's authorize page, comes
back to /slack/oauth_redirect and reads the success page.

Every name the browser looks up but 127.0.0.1 resolves to nothing, so the page's Slack button
image (on Slack's CDN) never leaves the machine.
"""

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.handlers.slack.install.conftest import InstallServer, rows

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
BROWSER_MISSING = "needs Debian's chromium and chromium-driver (bash .ci/browser.sh installs them)"


@pytest.fixture
def browser() -> Iterator[object]:
    """A headless chromium (Selenium's Chrome driver, Debian's binaries, nothing downloaded)."""
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: the install page's browser test {BROWSER_MISSING}")
        pytest.skip(BROWSER_MISSING)  # locally; in CI a skip would fail the run anyway
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_add_to_slack_in_a_browser_installs_the_workspace(
    multi_bot: InstallServer, browser: object
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    browser.get(f"{multi_bot.url}/slack/install")
    button = browser.find_element(By.CSS_SELECTOR, 'a img[alt="Add to Slack"]')
    assert "Slack App Installation" in browser.page_source

    button.click()  # → the fake Slack's authorize page → 302 back to /slack/oauth_redirect
    WebDriverWait(browser, 20).until(expected_conditions.title_is("Standpoint is installed"))

    assert browser.current_url.startswith(f"{multi_bot.url}/slack/oauth_redirect?code=")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == "Standpoint is installed"
    assert "Standpoint is installed in Newsroom." in browser.find_element(By.TAG_NAME, "p").text
    [installation] = rows(multi_bot.engine, "slack_installations")
    [token] = multi_bot.slack.oauth.tokens_for(team_id="T0NEWSROOM")
    assert installation["team_id"] == "T0NEWSROOM"
    assert token not in str(installation)
    assert multi_bot.cipher().open(installation["bot_token"]) == token
    # The browser's state cookie was used once and cleared.
    assert browser.get_cookie("slack-app-oauth-state") is None
