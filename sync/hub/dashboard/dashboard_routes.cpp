// The dashboard's HTTP handlers (dashboard_routes.hpp).
#include "sync/hub/dashboard/dashboard_routes.hpp"

#include "sync/hub/dashboard/dashboard_page.hpp"
#include "sync/hub/dashboard/operator_accounts.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/random.hpp"

#include <httplib.h>
#include <openssl/crypto.h>

#include <sstream>

namespace wk::hub {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

constexpr const char* kSessionCookie = "__Host-wk_session";
constexpr const char* kLoginCookie = "__Host-wk_login";

void secure_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                 "base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" with our own forms.
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Strict-Transport-Security", "max-age=31536000");
}

std::string cookie(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

std::string set_cookie(const char* name, const std::string& value, int max_age_s) {
  return std::string(name) + "=" + value +
         "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
}

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void html(httplib::Response& res, int status, const std::string& body) {
  secure_headers(res);
  res.status = status;
  res.set_content(body, "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const char* to) {
  secure_headers(res);
  res.status = 303;
  res.set_header("Location", to);
  res.set_content("", "text/plain");
}

std::string who(const httplib::Request& req) {
  return "from " + (req.remote_addr.empty() ? std::string("?") : req.remote_addr);
}

}  // namespace

struct DashboardService::Routes {
  DashboardService& d;

  std::string lang(const httplib::Request& req) const {
    return d.text_.pick_language(req.get_header_value("Accept-Language"));
  }

  std::optional<Session> session(const httplib::Request& req) {
    const std::string token = cookie(req, kSessionCookie);
    if (token.empty()) return std::nullopt;
    return d.store_.locked([&](wk::core::Database& db) { return find_session(db, token, d.store_.now()); });
  }

  // A POST from elsewhere: an Origin other than this hub's. (Browsers send Origin with every POST.)
  static bool foreign_origin(const httplib::Request& req) {
    if (!req.has_header("Origin")) return false;
    return req.get_header_value("Origin") != "https://" + req.get_header_value("Host");
  }

  // Reads a form body of at most max_form_bytes into `params`; false (and the answer set) if it
  // is too large or not a form.
  bool read_form(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                 httplib::Params& params) {
    const std::string l = lang(req);
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
      html(res, 415, render_message_page(d.text_, l, "error.title", "error.not_form"));
      return false;
    }
    if (req.get_header_value<uint64_t>("Content-Length") > d.options_.max_form_bytes) {
      res.set_header("Connection", "close");
      html(res, 413, render_message_page(d.text_, l, "error.title", "error.too_large"));
      return false;
    }
    std::string body;
    const bool ok = reader([&](const char* data, std::size_t n) {
      body.append(data, n);
      return body.size() <= d.options_.max_form_bytes;
    });
    if (!ok || body.size() > d.options_.max_form_bytes) {
      res.set_header("Connection", "close");
      html(res, 413, render_message_page(d.text_, l, "error.title", "error.too_large"));
      return false;
    }
    httplib::detail::parse_query_text(body, params);
    return true;
  }

  static std::string param(const httplib::Params& params, const char* key) {
    const auto it = params.find(key);
    return it == params.end() ? std::string() : it->second;
  }

  // "day" (also when absent) or "week"; nullopt for anything else.
  static std::optional<bool> weekly(const httplib::Request& req) {
    if (!req.has_param("period")) return false;
    const std::string p = req.get_param_value("period");
    if (p == "day") return false;
    if (p == "week") return true;
    return std::nullopt;
  }

  void login_form(const httplib::Request& req, httplib::Response& res, int status, const std::string& error_key) {
    const std::string csrf = wk::core::random_hex(32);
    res.set_header("Set-Cookie", set_cookie(kLoginCookie, csrf, 1800));
    html(res, status, render_login_page(d.text_, lang(req), csrf, error_key));
  }

  void get_login(const httplib::Request& req, httplib::Response& res) {
    if (session(req)) return redirect(res, "/dashboard");
    login_form(req, res, 200, "");
  }

  void post_login(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    const std::string l = lang(req);
    int retry = 0;
    if (!d.logins_.allow(req.remote_addr, RateLimiter::Clock::now(), &retry)) {
      wk::core::log::warn("dashboard", "sign-in refused " + who(req) + ": too many tries");
      res.set_header("Retry-After", std::to_string(std::max(1, retry)));
      res.set_header("Connection", "close");
      return html(res, 429, render_message_page(d.text_, l, "error.title", "error.too_many"));
    }
    if (foreign_origin(req)) {
      wk::core::log::warn("dashboard", "sign-in refused " + who(req) + ": foreign origin");
      return html(res, 403, render_message_page(d.text_, l, "error.title", "error.csrf"));
    }
    httplib::Params form;
    if (!read_form(req, res, reader, form)) return;
    if (!same_secret(param(form, "csrf"), cookie(req, kLoginCookie))) {
      wk::core::log::warn("dashboard", "sign-in refused " + who(req) + ": missing or wrong CSRF token");
      return login_form(req, res, 403, "error.csrf");
    }
    const std::string name = param(form, "name");
    const std::string password = param(form, "password");
    // The argon2id work runs outside the store's lock: terminals' pushes do not wait for it.
    const std::string hash = d.store_.locked([&](wk::core::Database& db) { return operator_password_hash(db, name); });
    const bool right = password_matches(hash, password);
    if (!right) {
      wk::core::log::warn("dashboard", "sign-in failed " + who(req));
      return login_form(req, res, 401, "login.wrong");
    }
    const NewSession s =
        d.store_.locked([&](wk::core::Database& db) { return start_session(db, name, d.store_.now()); });
    wk::core::log::info("dashboard", "operator " + name + " signed in " + who(req));
    secure_headers(res);
    res.status = 303;
    res.set_header("Location", "/dashboard");
    res.set_header("Set-Cookie", set_cookie(kSessionCookie, s.token,
                                            static_cast<int>(std::chrono::seconds(kSessionLifetime).count())));
    res.set_header("Set-Cookie", set_cookie(kLoginCookie, "", 0));
    res.set_content("", "text/plain");
  }

  void post_logout(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    const auto s = session(req);
    if (!s) return redirect(res, "/dashboard/login");
    if (foreign_origin(req))
      return html(res, 403, render_message_page(d.text_, lang(req), "error.title", "error.csrf"));
    httplib::Params form;
    if (!read_form(req, res, reader, form)) return;
    if (!same_secret(param(form, "csrf"), s->csrf)) {
      wk::core::log::warn("dashboard", "sign-out refused " + who(req) + ": missing or wrong CSRF token");
      return html(res, 403, render_message_page(d.text_, lang(req), "error.title", "error.csrf"));
    }
    d.store_.locked([&](wk::core::Database& db) {
      end_session(db, cookie(req, kSessionCookie));
      return 0;
    });
    wk::core::log::info("dashboard", "operator " + s->operator_name + " signed out " + who(req));
    res.set_header("Set-Cookie", set_cookie(kSessionCookie, "", 0));
    redirect(res, "/dashboard/login");
  }

  void overview(const httplib::Request& req, httplib::Response& res) {
    const auto s = session(req);
    if (!s) return redirect(res, "/dashboard/login");
    const std::string l = lang(req);
    const auto w = weekly(req);
    if (!w) return html(res, 400, render_message_page(d.text_, l, "error.title", "error.period"));
    const DashboardQuery q{*w, *w ? d.options_.window_weeks : d.options_.window_days, ""};
    Dashboard dash = build_dashboard(d.store_, q, d.text_, l);
    if (!d.options_.certificate_expires_on.empty()) {
      std::string alert = d.text_(l, "alert.certificate");
      replace_all(alert, "{date}", d.options_.certificate_expires_on);
      replace_all(alert, "{days}", std::to_string(d.options_.certificate_days_left));
      dash.alert = alert;
    }
    html(res, 200, render_dashboard_page(dash, d.text_, l, s->operator_name, s->csrf));
  }

  void csv(const httplib::Request& req, httplib::Response& res) {
    const std::string l = lang(req);
    const auto s = session(req);
    if (!s) return html(res, 401, render_message_page(d.text_, l, "error.title", "error.signed_out"));
    const auto w = weekly(req);
    if (!w) return html(res, 400, render_message_page(d.text_, l, "error.title", "error.period"));
    const std::string id = req.matches[1];
    const Dashboard dash = build_dashboard(d.store_, {*w, 0, id}, d.text_, l);
    for (const DashboardTable& t : dash.tables) {
      if (t.id != id) continue;
      std::ostringstream out;
      write_table_csv(t, d.text_, l, out);
      secure_headers(res);
      res.set_header("Content-Disposition",
                     "attachment; filename=\"welcome-hub-" + id + "-" + dash.generated_at.substr(0, 10) + ".csv\"");
      res.set_content(out.str(), "text/csv; charset=utf-8");
      wk::core::log::info("dashboard", "operator " + s->operator_name + " downloaded " + id + ".csv " + who(req));
      return;
    }
    html(res, 404, render_message_page(d.text_, l, "error.title", "error.no_table"));
  }
};

DashboardService::DashboardService(HubStore& store, DashboardText text, DashboardOptions options)
    : store_(store),
      text_(std::move(text)),
      options_(options),
      logins_(options.logins_per_minute, options.login_burst) {}

void DashboardService::mount(httplib::Server& s) {
  auto routes = std::make_shared<Routes>(Routes{*this});
  s.Get("/dashboard/style.css", [](const httplib::Request&, httplib::Response& res) {
    secure_headers(res);
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(std::string(dashboard_stylesheet()), "text/css; charset=utf-8");
  });
  s.Get("/dashboard/login", [routes](const httplib::Request& q, httplib::Response& r) { routes->get_login(q, r); });
  s.Post("/dashboard/login", [routes](const httplib::Request& q, httplib::Response& r,
                                      const httplib::ContentReader& c) { routes->post_login(q, r, c); });
  s.Post("/dashboard/logout", [routes](const httplib::Request& q, httplib::Response& r,
                                       const httplib::ContentReader& c) { routes->post_logout(q, r, c); });
  s.Get("/dashboard", [routes](const httplib::Request& q, httplib::Response& r) { routes->overview(q, r); });
  s.Get("/dashboard/", [](const httplib::Request&, httplib::Response& r) { redirect(r, "/dashboard"); });
  s.Get(R"(/dashboard/csv/([a-z_]{1,32}))",
        [routes](const httplib::Request& q, httplib::Response& r) { routes->csv(q, r); });
}

}  // namespace wk::hub
