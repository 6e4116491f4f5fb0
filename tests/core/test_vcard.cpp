// The vCard a newcomer scans to take a contact along (kiosk/core/vcard.hpp): what the item
// holds, in the chosen language, escaped, CRLF, nothing it lacks.
#include "kiosk/core/vcard.hpp"

#include <catch2/catch.hpp>

using namespace wk::core;

namespace {

Organisation iq() {
  Organisation o;
  o.id = "o-iq";
  o.name = {{"de", "IQ Beratung; Anerkennung"}, {"fa", "مشاوره IQ"}};
  o.kind = "recognition_counselling";
  o.street = "Oranienstraße 34";
  o.postal_code = "10999";
  o.municipality = "Berlin";
  o.room = "2. OG, Raum 2.14";
  o.phone = "+49 30 1234567";
  o.email = "iq@example.org";
  o.website = "https://iq.example.org";
  o.appointment = {{"de", "Termine nach Vereinbarung,\nauch online"}};
  return o;
}

}  // namespace

TEST_CASE("a person's vCard: names split, the organisation's address and phone where their own is missing", "[vcard]") {
  const Organisation o = iq();
  ContactPerson p;
  p.id = "p-berger";
  p.name = "Aylin Berger";
  p.organisation_id = o.id;
  p.role = {{"de", "Kümmerin"}, {"en", "Regional contact person"}};
  p.email = "a.berger@example.org";
  const std::string card = vcard(p, &o, {"en", "de"});
  CHECK(card ==
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Aylin Berger\r\nN:Berger;Aylin\r\nORG:IQ Beratung\\; Anerkennung\r\n"
        "TITLE:Regional contact person\r\nTEL;TYPE=WORK:+49 30 1234567\r\nEMAIL;TYPE=WORK:a.berger@example.org\r\n"
        "ADR;TYPE=WORK:;2. OG\\, Raum 2.14;Oranienstraße 34;Berlin;;10999;Germany\r\nEND:VCARD\r\n");
  // The person's own phone wins; without an organisation there is no address.
  p.phone = "+49 30 7654321";
  const std::string alone = vcard(p, nullptr, {"fa"});
  CHECK(alone.find("TEL;TYPE=WORK:+49 30 7654321\r\n") != std::string::npos);
  CHECK(alone.find("ADR") == std::string::npos);
  CHECK(alone.find("ORG") == std::string::npos);
  CHECK(alone.find("TITLE") == std::string::npos);  // a role in none of the chain's languages is left out
  p.name = "Nasrin";
  CHECK(vcard(p, nullptr, {"fa"}).find("N:Nasrin;\r\n") != std::string::npos);
}

TEST_CASE("an organisation's vCard is in the session language and escapes what vCard reserves", "[vcard]") {
  const std::string card = vcard(iq(), {"fa", "de"});
  CHECK(card.find("FN:مشاوره IQ\r\n") != std::string::npos);
  CHECK(card.find("URL:https://iq.example.org\r\n") != std::string::npos);
  CHECK(card.find("NOTE:Termine nach Vereinbarung\\,\\nauch online\r\n") != std::string::npos);
  Organisation bare;
  bare.id = "o-x";
  bare.name = {{"de", "X"}};
  CHECK(vcard(bare, {"de"}) == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nORG:X\r\nEND:VCARD\r\n");
}
