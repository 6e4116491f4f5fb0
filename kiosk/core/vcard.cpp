// vCard 3.0 text (see vcard.hpp).
#include "kiosk/core/vcard.hpp"

#include "kiosk/core/catalog_fields.hpp"

namespace wk::core {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\' || c == ',' || c == ';') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

void line(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += name;
  out += ':';
  out += escaped(value);
  out += "\r\n";
}

void address(std::string& out, const Organisation& o) {
  if (o.street.empty() && o.municipality.empty()) return;
  // ADR: post office box; extended; street; locality; region; postal code; country.
  out += "ADR;TYPE=WORK:;" + escaped(o.room) + ";" + escaped(o.street) + ";" + escaped(o.municipality) + ";;" +
         escaped(o.postal_code) + ";Germany\r\n";
}

}  // namespace

std::string vcard(const Organisation& o, const std::vector<std::string>& chain) {
  std::string out = "BEGIN:VCARD\r\nVERSION:3.0\r\n";
  const std::string name = core::localized(o.name, chain);
  line(out, "FN", name);
  line(out, "ORG", name);
  line(out, "TEL;TYPE=WORK", o.phone);
  line(out, "EMAIL;TYPE=WORK", o.email);
  address(out, o);
  line(out, "URL", o.website);
  line(out, "NOTE", core::localized(o.appointment, chain, false));
  out += "END:VCARD\r\n";
  return out;
}

std::string vcard(const ContactPerson& p, const Organisation* org, const std::vector<std::string>& chain) {
  std::string out = "BEGIN:VCARD\r\nVERSION:3.0\r\n";
  line(out, "FN", p.name);
  // N: family; given. A name's last word is taken as the family name.
  const auto space = p.name.rfind(' ');
  out += "N:" +
         (space == std::string::npos ? escaped(p.name) + ";"
                                     : escaped(p.name.substr(space + 1)) + ";" + escaped(p.name.substr(0, space))) +
         "\r\n";
  if (org) line(out, "ORG", core::localized(org->name, chain));
  line(out, "TITLE", core::localized(p.role, chain, false));
  line(out, "TEL;TYPE=WORK", p.phone.empty() && org ? org->phone : p.phone);
  line(out, "EMAIL;TYPE=WORK", p.email);
  if (org) address(out, *org);
  out += "END:VCARD\r\n";
  return out;
}

}  // namespace wk::core
