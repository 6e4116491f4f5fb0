// A contact as a vCard 3.0 (RFC 2426) for the QR code a newcomer scans to take it along.
#pragma once

#include <string>

#include "kiosk/core/directory.hpp"

namespace wk::core {

// The vCard of an organisation, or of a person at `org` (may be nullptr); names and notes in
// the first language of `chain` the item has. Values are escaped (\\ \, \; \n) and lines
// end in CRLF; what the item lacks is left out.
std::string vcard(const Organisation& org, const std::vector<std::string>& chain);
std::string vcard(const ContactPerson& person, const Organisation* org, const std::vector<std::string>& chain);

}  // namespace wk::core
