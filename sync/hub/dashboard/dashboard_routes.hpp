// The operators' web dashboard on the hub's HTTPS port, under /dashboard:
//
//   GET  /dashboard/login       the sign-in form (sets the login cookie its CSRF token must match)
//   POST /dashboard/login       name, password, csrf -> the session cookie, 303 to /dashboard
//   GET  /dashboard[?period=day|week]          the overview (dashboard_page.hpp)
//   GET  /dashboard/csv/<table>[?period=...]   every table as CSV (dashboard_tables.hpp)
//   POST /dashboard/logout      csrf -> the session ends
//   GET  /dashboard/style.css
//
// Sessions (operator_accounts.hpp) ride in the cookie __Host-wk_session (Secure, HttpOnly,
// SameSite=Strict, Path=/). Every POST must carry its form's CSRF token and, if the browser
// sends an Origin, come from this hub's own origin; a form body is read only up to
// max_form_bytes. Sign-in tries are limited per client address. Every answer carries a strict
// Content-Security-Policy (nothing but this hub's stylesheet), no caching, no framing. Without a
// session every page but the sign-in form answers 303 to it (CSV: 401). Log lines name the
// client address and, after sign-in, the operator; never a password or a token.
#pragma once

#include "sync/hub/dashboard/dashboard_text.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/rate_limit.hpp"

#include <cstddef>
#include <memory>

namespace httplib {
class Server;
}

namespace wk::hub {

struct DashboardOptions {
  std::size_t max_form_bytes = 4096;
  int logins_per_minute = 5;  // sign-in tries per client address: bursts of login_burst, then this rate
  int login_burst = 5;
  int window_days = 31;   // days the overview shows by day
  int window_weeks = 26;  // weeks it shows by week
  // The served certificate's last day (YYYY-MM-DD, UTC) when it is near, with the whole days
  // left: every page then says to renew it. Empty: nothing to say (HubServer fills it in).
  std::string certificate_expires_on = {};
  int certificate_days_left = 0;
};

class DashboardService {
 public:
  // `store` must outlive the service.
  DashboardService(HubStore& store, DashboardText text, DashboardOptions options = {});
  // Registers the routes above on `server` (which must not outlive this service).
  void mount(httplib::Server& server);

 private:
  struct Routes;
  HubStore& store_;
  DashboardText text_;
  DashboardOptions options_;
  RateLimiter logins_;
};

}  // namespace wk::hub
