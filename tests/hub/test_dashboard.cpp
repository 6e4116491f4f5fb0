// The operators' dashboard on the hub's port (sync/hub/dashboard/), driven over TLS as a browser
// and as an attacker would: sign-in with the right and wrong password, the session cookie's
// flags, CSRF on every form, the small-cell suppression, CSV downloads, and hostile requests
// (SQL and HTML in parameters, oversized and foreign bodies, many tries) that change nothing.
#include "sync/hub/dashboard/dashboard_page.hpp"
#include "sync/hub/dashboard/dashboard_routes.hpp"
#include "sync/hub/dashboard/operator_accounts.hpp"
#include "sync/hub/hub_server.hpp"

#include "hub_test_support.hpp"
#include "kiosk/core/time.hpp"
#include "sync/protocol/usage_payload.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

#include <httplib.h>
#include <catch2/catch.hpp>

#include "tests/support/test_pki.hpp"

#include <memory>
#include <regex>

using wk::core::test::QuietLog;
using wk::core::test::TempDir;
using namespace wk::hub;

namespace {

constexpr const char* kPassword = "correct horse battery";

struct Dash {
  QuietLog quiet;
  TempDir dir;
  HubStore store{dir / "hub.db"};
  std::unique_ptr<HubServer> server;

  std::filesystem::path ca_file = dir / "cert.pem";

  // `days_left` > 0: a certificate of a test CA that expires in that many days.
  explicit Dash(DashboardOptions dashboard = {}, int days_left = 0) {
    wk::hub::test::make_test_certificate(dir.path());
    store.add_terminal("term-1");
    store.locked([](wk::core::Database& db) {
      set_operator(db, "anna", kPassword, std::chrono::system_clock::now());
      return 0;
    });
    ServeOptions options;
    options.port = 0;
    options.cert_file = dir / "cert.pem";
    options.key_file = dir / "key.pem";
    if (days_left > 0) {
      wk::test::TestPki pki(dir / "pki");
      const auto leaf =
          pki.issue("soon", {"localhost"}, {"127.0.0.1"}, std::chrono::hours(-1), std::chrono::hours(24 * days_left));
      options.cert_file = leaf.cert_file;
      options.key_file = leaf.key_file;
      ca_file = pki.ca_file();
    }
    options.threads = 2;
    options.dashboard_texts = wk::test::source_dir() / "locales" / "dashboard";
    options.dashboard = dashboard;
    server = std::make_unique<HubServer>(store, options);
    server->start();
  }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>("localhost", server->port());
    c->set_ca_cert_path(ca_file.c_str());
    c->enable_server_certificate_verification(true);
    return c;
  }

  // The login cookie's value and the form's CSRF token (they are the same).
  std::string login_token(httplib::SSLClient& c) {
    auto res = c.Get("/dashboard/login");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    std::smatch m;
    const std::string set = res->get_header_value("Set-Cookie");
    REQUIRE(std::regex_search(set, m, std::regex("__Host-wk_login=([0-9a-f]{64})")));
    CHECK(res->body.find("value=\"" + m[1].str() + "\"") != std::string::npos);
    return m[1].str();
  }

  httplib::Result sign_in(httplib::SSLClient& c, const std::string& name, const std::string& password,
                          std::string csrf = "", bool with_cookie = true) {
    const std::string login = login_token(c);
    if (csrf.empty()) csrf = login;
    httplib::Headers h;
    if (with_cookie) h.emplace("Cookie", "__Host-wk_login=" + login);
    httplib::Params form{{"name", name}, {"password", password}, {"csrf", csrf}};
    return c.Post("/dashboard/login", h, form);
  }

  // A signed-in session: the cookie header value, and the page's CSRF token.
  std::pair<std::string, std::string> session(httplib::SSLClient& c) {
    auto res = sign_in(c, "anna", kPassword);
    REQUIRE(res);
    REQUIRE(res->status == 303);
    std::smatch m;
    std::string cookie;
    for (auto [it, end] = res->headers.equal_range("Set-Cookie"); it != end; ++it)
      if (std::regex_search(it->second, m, std::regex("__Host-wk_session=([0-9a-f]{64})"))) cookie = m[0].str();
    REQUIRE(!cookie.empty());
    auto page = c.Get("/dashboard", {{"Cookie", cookie}});
    REQUIRE(page);
    REQUIRE(page->status == 200);
    REQUIRE(std::regex_search(page->body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\"")));
    return {cookie, m[1].str()};
  }

  std::int64_t sessions() {
    return store.locked([](wk::core::Database& db) {
      auto st = db.prepare("SELECT count(*) FROM operator_sessions");
      st.step();
      return st.column_int64(0);
    });
  }
};

}  // namespace

TEST_CASE("dashboard: the right password signs in with a Secure HttpOnly SameSite cookie, a wrong one is refused",
          "[dashboard]") {
  Dash d;
  auto c = d.client();
  auto res = c->Get("/dashboard");
  REQUIRE(res);
  CHECK(res->status == 303);
  CHECK(res->get_header_value("Location") == "/dashboard/login");

  auto wrong = d.sign_in(*c, "anna", "not the password");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(wrong->body.find("Wrong name or password.") != std::string::npos);
  CHECK(wrong->get_header_value("Set-Cookie").find("__Host-wk_session") == std::string::npos);
  auto unknown = d.sign_in(*c, "nobody", kPassword);
  REQUIRE(unknown);
  CHECK(unknown->status == 401);
  CHECK(d.sessions() == 0);

  auto ok = d.sign_in(*c, "anna", kPassword);
  REQUIRE(ok);
  CHECK(ok->status == 303);
  CHECK(ok->get_header_value("Location") == "/dashboard");
  bool flags = false;
  for (auto [it, end] = ok->headers.equal_range("Set-Cookie"); it != end; ++it)
    if (it->second.starts_with("__Host-wk_session="))
      flags = it->second.find("; Secure") != std::string::npos && it->second.find("; HttpOnly") != std::string::npos &&
              it->second.find("; SameSite=Strict") != std::string::npos &&
              it->second.find("; Path=/") != std::string::npos;
  CHECK(flags);
  CHECK(d.sessions() == 1);
  CHECK(ok->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
}

TEST_CASE("dashboard: a form without its CSRF token or from another origin is refused and changes nothing",
          "[dashboard]") {
  Dash d;
  auto c = d.client();
  // Sign-in: the token missing, wrong, or the login cookie missing.
  for (const auto& [csrf, cookie] :
       std::vector<std::pair<std::string, bool>>{{"-", true}, {std::string(64, 'a'), true}, {"", false}}) {
    auto res = d.sign_in(*c, "anna", kPassword, csrf, cookie);
    REQUIRE(res);
    CHECK(res->status == 403);
  }
  CHECK(d.sessions() == 0);
  // Sign-out with no token, a wrong token, or from a foreign origin: the session lives on.
  const auto [cookie, csrf] = d.session(*c);
  auto none = c->Post("/dashboard/logout", {{"Cookie", cookie}}, httplib::Params{});
  REQUIRE(none);
  CHECK(none->status == 403);
  auto wrong = c->Post("/dashboard/logout", {{"Cookie", cookie}}, httplib::Params{{"csrf", std::string(64, 'b')}});
  REQUIRE(wrong);
  CHECK(wrong->status == 403);
  auto foreign = c->Post("/dashboard/logout", {{"Cookie", cookie}, {"Origin", "https://evil.example"}},
                         httplib::Params{{"csrf", csrf}});
  REQUIRE(foreign);
  CHECK(foreign->status == 403);
  CHECK(d.sessions() == 1);
  // The right token ends it; the cookie then opens nothing.
  auto out = c->Post("/dashboard/logout", {{"Cookie", cookie}}, httplib::Params{{"csrf", csrf}});
  REQUIRE(out);
  CHECK(out->status == 303);
  CHECK(d.sessions() == 0);
  auto after = c->Get("/dashboard", {{"Cookie", cookie}});
  REQUIRE(after);
  CHECK(after->status == 303);
}

TEST_CASE("dashboard: terminals, usage counts with <5, courses and CSV downloads of every table", "[dashboard]") {
  Dash d;
  d.store.upsert_items(
      "course",
      {{"c-1",
        {{"title", {{"de", "Integrationskurs <b>"}}}, {"course_type", "integration_general"}, {"capacity", 20}}}},
      false);
  const std::string today = wk::core::to_iso8601(std::chrono::system_clock::now()).substr(0, 10);
  d.store.apply_push(
      "term-1",
      {"term-1",
       {wk::hub::test::usage_change(
           1, wk::sync::write_usage_payload(
                  {today, {{"visits", "ar", 12}, {"visits", "de", 3}, {"registrations", "skilled_worker:ar", 2}}}))}});
  d.store.note_terminal("term-1", "pending=4; dead=1; version=0.9.0");
  auto c = d.client();
  const auto [cookie, csrf] = d.session(*c);
  auto page = c->Get("/dashboard", {{"Cookie", cookie}});
  REQUIRE(page);
  CHECK(page->status == 200);
  const std::string& html = page->body;
  CHECK(html.find("term-1") != std::string::npos);
  CHECK(html.find("0.9.0") != std::string::npos);
  CHECK(html.find("<tr class=\"warn\"><td>term-1") != std::string::npos);  // a dead letter wants a look
  CHECK(html.find("<td class=\"num\">12</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">&lt;5</td>") != std::string::npos);  // 3 visits in German, 2 registrations
  CHECK(html.find("<td class=\"num\">3</td>") == std::string::npos);
  CHECK(html.find("Integrationskurs &lt;b&gt;") != std::string::npos);  // escaped, never markup
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<rect class=\"bar\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);  // no external asset
  CHECK(html.find("https://") == std::string::npos);

  for (const std::string& id : dashboard_table_ids()) {
    INFO(id);
    auto csv = c->Get("/dashboard/csv/" + id + "?period=week", {{"Cookie", cookie}});
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->get_header_value("Content-Disposition").starts_with("attachment; filename=\"welcome-hub-" + id));
    CHECK(csv->body.starts_with("\xEF\xBB\xBF\""));
  }
  auto usage = c->Get("/dashboard/csv/usage_keys", {{"Cookie", cookie}});
  REQUIRE(usage);
  CHECK(usage->body.find("\"Visits\",\"de\",\"<5\"") != std::string::npos);
  CHECK(usage->body.find("\"Visits\",\"ar\",\"12\"") != std::string::npos);
  auto per_day = c->Get("/dashboard/csv/usage", {{"Cookie", cookie}});
  REQUIRE(per_day);
  CHECK(per_day->body.find("\"" + today + "\",\"15\",\"0\",\"0\",\"<5\"") != std::string::npos);
  auto german = c->Get("/dashboard", {{"Cookie", cookie}, {"Accept-Language", "de-DE,de;q=0.9,en;q=0.5"}});
  REQUIRE(german);
  CHECK(german->body.find("Auslastung der Kümmerer") != std::string::npos);
  // Signed out, a CSV is refused (not redirected: a download must not turn into a page).
  auto anonymous = c->Get("/dashboard/csv/terminals");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
}

TEST_CASE("dashboard: SQL and HTML in parameters, oversized and non-form bodies, and many tries change nothing",
          "[dashboard]") {
  Dash d(DashboardOptions{4096, 5, 5, 31, 26});
  auto c = d.client();
  const auto [cookie, csrf] = d.session(*c);
  for (const std::string& p :
       std::vector<std::string>{"day' OR 1=1 --", "<script>alert(1)</script>", "week%00", std::string(5000, 'w')}) {
    auto res = c->Get("/dashboard?period=" + httplib::detail::encode_query_param(p), {{"Cookie", cookie}});
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->body.find("<script>") == std::string::npos);
  }
  auto table = c->Get("/dashboard/csv/operators", {{"Cookie", cookie}});
  REQUIRE(table);
  CHECK(table->status == 404);
  auto traversal = c->Get("/dashboard/csv/..%2Fhub.db", {{"Cookie", cookie}});
  REQUIRE(traversal);
  CHECK(traversal->status == 404);
  // A name full of SQL or markup is only a wrong name.
  auto sql = d.sign_in(*c, "anna' OR '1'='1", "x' OR '1'='1");
  REQUIRE(sql);
  CHECK(sql->status == 401);
  CHECK(sql->body.find("OR '1'") == std::string::npos);
  // Bodies: larger than the form limit, or not a form at all.
  auto big =
      c->Post("/dashboard/logout", {{"Cookie", cookie}}, std::string(100000, 'a'), "application/x-www-form-urlencoded");
  REQUIRE(big);
  CHECK(big->status == 413);
  auto json_body =
      c->Post("/dashboard/logout", {{"Cookie", cookie}}, "{\"csrf\":\"" + csrf + "\"}", "application/json");
  REQUIRE(json_body);
  CHECK(json_body->status == 415);
  CHECK(d.sessions() == 1);
  // A forged session cookie is nobody.
  auto forged = c->Get("/dashboard", {{"Cookie", "__Host-wk_session=" + std::string(64, '0')}});
  REQUIRE(forged);
  CHECK(forged->status == 303);
  // Sign-in tries from one address: 5 at once (two above), then 429 until the bucket refills.
  int refused = 0;
  for (int i = 0; i < 6; ++i) {
    auto res = d.sign_in(*d.client(), "anna", "wrong password " + std::to_string(i));
    REQUIRE(res);
    if (res->status == 429) {
      ++refused;
      CHECK(!res->get_header_value("Retry-After").empty());
    }
  }
  CHECK(refused >= 3);
  CHECK(d.sessions() == 1);
}

TEST_CASE("operator accounts: password rules, sessions end on idle, age, a new password and removal", "[dashboard]") {
  QuietLog quiet;
  HubStore store(":memory:");
  const auto t0 = *wk::core::from_iso8601("2026-12-07T09:00:00.000Z");
  store.locked([&](wk::core::Database& db) {
    CHECK_THROWS_AS(set_operator(db, "anna", "short", t0), std::invalid_argument);
    CHECK_THROWS_AS(set_operator(db, "anna", std::string(20, 'a') + "\n", t0), std::invalid_argument);
    CHECK_THROWS_AS(set_operator(db, "an na", kPassword, t0), std::invalid_argument);
    CHECK(list_operators(db).empty());
    set_operator(db, "anna", kPassword, t0);
    CHECK(check_operator_password(db, "anna", kPassword));
    CHECK_FALSE(check_operator_password(db, "anna", "correct horse batter"));
    CHECK_FALSE(check_operator_password(db, "bob", kPassword));
    const NewSession s = start_session(db, "anna", t0);
    CHECK(find_session(db, s.token, t0 + std::chrono::minutes(29)));
    CHECK(find_session(db, s.token, t0 + std::chrono::minutes(58)));        // used at 29: idle 29 min
    CHECK_FALSE(find_session(db, s.token, t0 + std::chrono::minutes(89)));  // idle 31 min: gone
    const NewSession old = start_session(db, "anna", t0);
    for (int m = 20; m < 480; m += 20) CHECK(find_session(db, old.token, t0 + std::chrono::minutes(m)));
    CHECK_FALSE(find_session(db, old.token, t0 + std::chrono::hours(8)));  // too old however busy
    const NewSession a = start_session(db, "anna", t0);
    set_operator(db, "anna", "another long password", t0);
    CHECK_FALSE(find_session(db, a.token, t0));
    const NewSession b = start_session(db, "anna", t0);
    CHECK(remove_operator(db, "anna"));
    CHECK_FALSE(find_session(db, b.token, t0));
    CHECK_FALSE(remove_operator(db, "anna"));
    CHECK_FALSE(find_session(db, "not a token", t0));
    return 0;
  });
}

TEST_CASE("dashboard texts: a missing, broken or incomplete file is refused with the file and the reason",
          "[dashboard]") {
  TempDir dir;
  auto write = [&](const char* name, const std::string& text) { wk::core::test::write_bytes(dir / name, text); };
  auto refused = [&](const std::string& why) {
    try {
      DashboardText t(dir.path());
      FAIL("accepted");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find(why) != std::string::npos);
    }
  };
  refused("en.json (missing or unreadable)");
  write("en.json", R"({"a": "A", "b": "B"})");
  write("de.json", "{not json");
  refused("de.json are not valid JSON");
  write("de.json", "[]");
  refused("de.json must be one JSON object");
  write("de.json", R"({"a": "A", "b": 2})");
  refused("de.json: \"b\" is not a string");
  write("de.json", R"({"a": "A"})");
  refused("lack \"b\"");
  write("de.json", R"({"a": "Ä", "b": "B", "sheet.x": "X"})");
  const DashboardText t(dir.path());
  CHECK(t("de", "a") == "Ä");
  CHECK(t("en", "sheet.x") == "sheet.x");  // a key no file holds shows as itself
  CHECK(t.pick_language("fr-FR, de;q=0.8") == "de");
  CHECK(t.pick_language("fr") == "en");
}

TEST_CASE("dashboard: a certificate that expires within 30 days is said on the page and a later one is not",
          "[dashboard]") {
  {
    Dash d({}, 12);
    auto c = d.client();
    const auto [cookie, csrf] = d.session(*c);
    auto page = c->Get("/dashboard", {{"Cookie", cookie}, {"Accept-Language", "en"}});
    REQUIRE(page);
    CHECK(std::regex_search(page->body, std::regex(R"(<p class="error" role="alert">This hub&#39;s certificate )"
                                                   R"(expires on \d{4}-\d{2}-\d{2} \(in 1[12] days\)\.)")));
  }
  {
    Dash d({}, 90);
    auto c = d.client();
    const auto [cookie, csrf] = d.session(*c);
    auto page = c->Get("/dashboard", {{"Cookie", cookie}});
    REQUIRE(page);
    CHECK(page->body.find("role=\"alert\"") == std::string::npos);
  }
}
