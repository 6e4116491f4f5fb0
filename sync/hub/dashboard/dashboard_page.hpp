// The dashboard's HTML: the login page and the overview, rendered on the hub with no script and
// no external asset (one stylesheet from the hub itself, the charts as inline SVG), so that it
// works on any operator's browser and a strict Content-Security-Policy holds. Every value from
// the store is HTML-escaped; nothing from a request is echoed but the chosen period.
#pragma once

#include "sync/hub/dashboard/dashboard_tables.hpp"
#include "sync/hub/dashboard/dashboard_text.hpp"

#include <string>
#include <string_view>

namespace wk::hub {

// `text` with & < > " ' as entities.
std::string html_escape(std::string_view text);

// The sign-in form; `error_key` "" for none, else the text key of the message shown above it.
// `csrf` goes into the form's hidden field (it must match the login cookie).
std::string render_login_page(const DashboardText& text, const std::string& lang, const std::string& csrf,
                              const std::string& error_key);

// The overview for operator `operator_name`; `csrf` for the sign-out form.
std::string render_dashboard_page(const Dashboard& dashboard, const DashboardText& text, const std::string& lang,
                                  const std::string& operator_name, const std::string& csrf);

// A short page with one message (an error: bad request, too many tries), with a link back.
std::string render_message_page(const DashboardText& text, const std::string& lang, const std::string& title_key,
                                const std::string& message_key);

// The stylesheet at /dashboard/style.css: readable from a 768 px tablet to a 1280 px screen and wider.
std::string_view dashboard_stylesheet();

}  // namespace wk::hub
