// Rendering the dashboard's pages (dashboard_page.hpp).
#include "sync/hub/dashboard/dashboard_page.hpp"

#include <algorithm>
#include <cstdio>

namespace wk::hub {
namespace {

std::string page(const DashboardText& text, const std::string& lang, const std::string& title,
                 const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"" + lang +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" +
         html_escape(title) + " – " + html_escape(text(lang, "app.name")) +
         "</title>\n<link rel=\"stylesheet\" href=\"/dashboard/style.css\">\n</head>\n<body>\n" + body +
         "</body>\n</html>\n";
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// One bar chart: a bar per period; counts of 1..4 are drawn as a hatched stub labelled "<5".
std::string chart_svg(const DashboardChart& c, const DashboardText& text, const std::string& lang) {
  const std::string title = text(lang, c.title_key);
  std::string out = "<figure class=\"chart\">\n<figcaption>" + html_escape(title) + "</figcaption>\n";
  if (c.values.empty() || std::all_of(c.values.begin(), c.values.end(), [](std::int64_t v) { return v == 0; })) {
    return out + "<p class=\"empty\">" + html_escape(text(lang, "chart.empty")) + "</p>\n</figure>\n";
  }
  const double w = 480, h = 220, left = 44, bottom = 30, top = 12;
  const std::int64_t max = std::max<std::int64_t>(5, *std::max_element(c.values.begin(), c.values.end()));
  const double slot = (w - left - 4) / static_cast<double>(c.values.size());
  const double bar = std::max(1.0, slot * 0.8);
  out += "<svg viewBox=\"0 0 480 220\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n";
  out += "<line class=\"axis\" x1=\"" + fmt(left) + "\" y1=\"" + fmt(h - bottom) + "\" x2=\"" + fmt(w) + "\" y2=\"" +
         fmt(h - bottom) + "\"/>\n";
  out += "<text class=\"tick\" x=\"" + fmt(left - 6) + "\" y=\"" + fmt(top + 14) + "\" text-anchor=\"end\">" +
         std::to_string(max) + "</text>\n";
  out +=
      "<text class=\"tick\" x=\"" + fmt(left - 6) + "\" y=\"" + fmt(h - bottom) + "\" text-anchor=\"end\">0</text>\n";
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    const std::int64_t v = c.values[i];
    if (v == 0) continue;
    const bool small = v < 5;
    const double shown = small ? 2.5 : static_cast<double>(v);  // a stub: never the real height
    const double bh = (h - bottom - top) * shown / static_cast<double>(max);
    const double x = left + 2 + slot * static_cast<double>(i) + (slot - bar) / 2;
    out += "<rect class=\"" + std::string(small ? "bar small" : "bar") + "\" x=\"" + fmt(x) + "\" y=\"" +
           fmt(h - bottom - bh) + "\" width=\"" + fmt(bar) + "\" height=\"" + fmt(bh) + "\"><title>" +
           html_escape(c.labels[i]) + ": " + suppressed(v) + "</title></rect>\n";
  }
  // The first and the last period under the axis.
  out += "<text class=\"tick\" x=\"" + fmt(left + 2) + "\" y=\"" + fmt(h - 8) + "\">" + html_escape(c.labels.front()) +
         "</text>\n";
  if (c.labels.size() > 1)
    out += "<text class=\"tick\" x=\"" + fmt(w - 2) + "\" y=\"" + fmt(h - 8) + "\" text-anchor=\"end\">" +
           html_escape(c.labels.back()) + "</text>\n";
  return out + "</svg>\n</figure>\n";
}

std::string table_html(const DashboardTable& t, const DashboardText& text, const std::string& lang,
                       const std::string& query) {
  std::string out = "<section id=\"" + t.id + "\">\n<div class=\"section-head\"><h2>" +
                    html_escape(text(lang, t.title_key)) + "</h2><a class=\"csv\" href=\"/dashboard/csv/" + t.id +
                    query + "\" download>" + html_escape(text(lang, "action.csv")) + "</a></div>\n";
  if (t.rows.empty())
    return out + "<p class=\"empty\">" + html_escape(text(lang, "table.empty")) + "</p>\n</section>\n";
  out += "<div class=\"scroll\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.column_keys.size(); ++c)
    out += std::string("<th scope=\"col\"") + (t.numeric[c] ? " class=\"num\"" : "") + ">" +
           html_escape(text(lang, t.column_keys[c])) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += t.warn[r] ? "<tr class=\"warn\">" : "<tr>";
    for (std::size_t c = 0; c < t.rows[r].size(); ++c)
      out += std::string(t.numeric[c] ? "<td class=\"num\">" : "<td>") + html_escape(t.rows[r][c]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n</section>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_login_page(const DashboardText& text, const std::string& lang, const std::string& csrf,
                              const std::string& error_key) {
  std::string body = "<main class=\"login\">\n<h1>" + html_escape(text(lang, "app.name")) + "</h1>\n";
  if (!error_key.empty()) body += "<p class=\"error\" role=\"alert\">" + html_escape(text(lang, error_key)) + "</p>\n";
  body +=
      "<form method=\"post\" action=\"/dashboard/login\">\n"
      "<input type=\"hidden\" name=\"csrf\" value=\"" +
      html_escape(csrf) +
      "\">\n"
      "<label for=\"name\">" +
      html_escape(text(lang, "login.name")) +
      "</label>\n<input id=\"name\" name=\"name\" autocomplete=\"username\" required maxlength=\"64\">\n"
      "<label for=\"password\">" +
      html_escape(text(lang, "login.password")) +
      "</label>\n<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required maxlength=\"256\">\n<button type=\"submit\">" +
      html_escape(text(lang, "login.submit")) + "</button>\n</form>\n</main>\n";
  return page(text, lang, text(lang, "login.title"), body);
}

std::string render_dashboard_page(const Dashboard& d, const DashboardText& text, const std::string& lang,
                                  const std::string& operator_name, const std::string& csrf) {
  const std::string query = d.weekly ? "?period=week" : "?period=day";
  std::string body = "<header>\n<h1>" + html_escape(text(lang, "app.name")) + "</h1>\n<nav>";
  body += std::string("<a href=\"/dashboard?period=day\"") + (d.weekly ? "" : " aria-current=\"page\"") + ">" +
          html_escape(text(lang, "period.day")) + "</a>";
  body += std::string("<a href=\"/dashboard?period=week\"") + (d.weekly ? " aria-current=\"page\"" : "") + ">" +
          html_escape(text(lang, "period.week")) + "</a>";
  body += "</nav>\n<form method=\"post\" action=\"/dashboard/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" +
          html_escape(csrf) + "\"><span class=\"who\">" + html_escape(operator_name) +
          "</span><button type=\"submit\">" + html_escape(text(lang, "action.logout")) +
          "</button></form>\n</header>\n<main>\n";
  if (!d.alert.empty()) body += "<p class=\"error\" role=\"alert\">" + html_escape(d.alert) + "</p>\n";
  body += "<p class=\"note\">" + html_escape(text(lang, d.weekly ? "note.weekly" : "note.daily")) + " " +
          html_escape(text(lang, "note.suppressed")) + "</p>\n";
  body += "<div class=\"charts\">\n";
  for (const DashboardChart& c : d.charts) body += chart_svg(c, text, lang);
  body += "</div>\n";
  for (const DashboardTable& t : d.tables) body += table_html(t, text, lang, query);
  body += "</main>\n<footer>" + html_escape(text(lang, "note.generated")) + " " + html_escape(d.generated_at) +
          "</footer>\n";
  return page(text, lang, text(lang, "dashboard.title"), body);
}

std::string render_message_page(const DashboardText& text, const std::string& lang, const std::string& title_key,
                                const std::string& message_key) {
  return page(text, lang, text(lang, title_key),
              "<main class=\"login\">\n<h1>" + html_escape(text(lang, title_key)) + "</h1>\n<p class=\"error\">" +
                  html_escape(text(lang, message_key)) + "</p>\n<p><a href=\"/dashboard\">" +
                  html_escape(text(lang, "action.back")) + "</a></p>\n</main>\n");
}

std::string_view dashboard_stylesheet() {
  return R"css(:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bar: #1f6feb;
  --warn: #fff4d6; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 0.75em 1.5em; align-items: center; padding: 0.75em 1.5em;
  background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.25em; margin: 0; flex: 1 1 auto; }
nav a { margin-right: 1em; padding: 0.4em 0.2em; color: var(--bar); }
nav a[aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; border-bottom: 3px solid var(--bar); }
header form { display: flex; gap: 0.75em; align-items: center; }
.who { color: var(--muted); }
button { font: inherit; padding: 0.5em 1.1em; min-height: 2.75em; border-radius: 0.4em; border: 1px solid var(--line);
  background: #fff; cursor: pointer; }
main { padding: 1em 1.5em 2em; max-width: 90em; margin: 0 auto; }
.note { color: var(--muted); margin: 0 0 1em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20em, 1fr)); gap: 1em; }
figure.chart { margin: 0; padding: 0.75em; background: #fff; border: 1px solid var(--line); border-radius: 0.5em; }
figcaption { font-weight: 600; margin-bottom: 0.4em; }
svg { width: 100%; height: auto; display: block; }
.bar { fill: var(--bar); }
.bar.small { fill: #9ebcf0; }
.axis { stroke: var(--muted); stroke-width: 1; }
.tick { font-size: 18px; fill: var(--muted); }
section { margin-top: 1.75em; background: #fff; border: 1px solid var(--line); border-radius: 0.5em; padding: 0.75em 1em; }
.section-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; }
h2 { font-size: 1.1em; margin: 0.2em 0 0.6em; }
a.csv { white-space: nowrap; padding: 0.4em 0.2em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.45em 0.7em; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num { white-space: nowrap; }
th.num, td.num { text-align: right; }
tr.warn td { background: var(--warn); }
.empty { color: var(--muted); }
footer { color: var(--muted); padding: 0 1.5em 2em; text-align: center; font-size: 0.9em; }
main.login { max-width: 26em; margin: 4em auto; background: #fff; border: 1px solid var(--line); border-radius: 0.5em;
  padding: 1.5em 2em 2em; }
main.login form { display: grid; gap: 0.5em; }
main.login input { font: inherit; padding: 0.6em; border: 1px solid var(--line); border-radius: 0.4em; }
main.login button { margin-top: 0.75em; background: var(--bar); color: #fff; border-color: var(--bar); }
.error { color: #a40e26; background: #ffebe9; border: 1px solid #ffc1c0; padding: 0.6em 0.8em; border-radius: 0.4em; }
@media (max-width: 48em) { main { padding: 0.75em; } header { padding: 0.75em; } th, td { padding: 0.4em 0.5em; } }
)css";
}

}  // namespace wk::hub
