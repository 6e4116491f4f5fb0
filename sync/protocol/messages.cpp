// Implementation of sync/protocol/messages.hpp. Parsing runs in two steps: a byte-level
// pre-scan (size, UTF-8, nesting depth) so that nlohmann's parser only ever sees bounded,
// well-encoded input, then field-by-field validation of the parsed tree through Reader
// helpers that build the JSON path for error messages.
#include "sync/protocol/messages.hpp"
#include "sync/protocol/registration_payload.hpp"

#include "kiosk/core/json_shape.hpp"
#include "kiosk/core/terminal_id.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

namespace wk::sync {

using nlohmann::json;

ProtocolError::ProtocolError(std::string path, const std::string& problem)
    : std::runtime_error(path + ": " + problem), path_(std::move(path)) {}

VersionMismatch::VersionMismatch(int other_version)
    : ProtocolError("protocol", "protocol version " + std::to_string(other_version) + ", expected " +
                                    std::to_string(kProtocolVersion)),
      other_version_(other_version) {}

namespace {

// [SECTION] Byte-level checks

// Returns the offset of the first byte that does not start a valid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;  // no surrogates
    } else if (c >= 0xE1 && c <= 0xEF) {
      len = 3;
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;
    } else {
      return i;
    }
    if (n - i < len) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

const char* type_name(const json& v) {
  return wk::core::json_type_name(v);
}

// Quotes an enumeration value for an error message only when it is short printable ASCII.
std::string quoted_if_short(const std::string& s) {
  if (s.size() > 32) return "";
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return "";
  }
  return " \"" + s + "\"";
}

// [SECTION] Field readers

// `any_version`: accept every valid version number (error bodies keep their shape across
// versions, so a terminal can read "supported" from a hub of another version).
json parse_document(std::string_view body, std::size_t max_bytes, bool any_version = false) {
  if (body.size() > max_bytes) {
    throw ProtocolError("body", std::to_string(body.size()) + " bytes, more than " + std::to_string(max_bytes));
  }
  if (const std::size_t bad = invalid_utf8_at(body); bad != std::string_view::npos) {
    throw ProtocolError("body", "invalid UTF-8 at byte " + std::to_string(bad));
  }
  if (wk::core::json_nesting_depth(body, kMaxNestingDepth) > kMaxNestingDepth) {
    throw ProtocolError("body", "nested deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  }
  json doc;
  try {
    doc = json::parse(body.begin(), body.end());
  } catch (const json::parse_error& e) {
    // e.what() quotes the input; report only the position.
    throw ProtocolError("body", "not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const json::exception&) {
    throw ProtocolError("body", "not valid JSON (a number out of range)");
  }
  if (!doc.is_object()) throw ProtocolError("body", std::string("expected an object, got ") + type_name(doc));
  const auto it = doc.find("protocol");
  if (it == doc.end()) throw ProtocolError("protocol", "missing");
  if (!it->is_number_integer()) {
    throw ProtocolError("protocol", std::string("expected an integer, got ") + type_name(*it));
  }
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v < 1 || v > static_cast<std::uint64_t>(INT_MAX)) {
      throw ProtocolError("protocol", "not a valid version number");
    }
    if (!any_version && v != static_cast<std::uint64_t>(kProtocolVersion)) throw VersionMismatch(static_cast<int>(v));
  } else {
    const auto v = it->get<std::int64_t>();
    if (v < 1 || v > INT_MAX) throw ProtocolError("protocol", "not a valid version number");
    if (!any_version && v != kProtocolVersion) throw VersionMismatch(static_cast<int>(v));
  }
  return doc;
}

std::string index_path(const std::string& array_path, std::size_t i) {
  return array_path + "[" + std::to_string(i) + "]";
}

std::string member_path(const std::string& object_path, const char* key) {
  return object_path.empty() ? std::string(key) : object_path + "." + key;
}

// A field of an object; `path` is the object's path ("" for the top level).
const json& field(const json& object, const std::string& path, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw ProtocolError(member_path(path, key), "missing");
  return *it;
}

[[noreturn]] void wrong_type(const std::string& path, const char* expected, const json& v) {
  throw ProtocolError(path, std::string("expected ") + expected + ", got " + type_name(v));
}

const json& object_field(const json& object, const std::string& path, const char* key) {
  const json& v = field(object, path, key);
  if (!v.is_object()) wrong_type(member_path(path, key), "an object", v);
  return v;
}

const json& array_field(const json& object, const std::string& path, const char* key) {
  const json& v = field(object, path, key);
  if (!v.is_array()) wrong_type(member_path(path, key), "an array", v);
  return v;
}

const std::string& string_field(const json& object, const std::string& path, const char* key) {
  const json& v = field(object, path, key);
  if (!v.is_string()) wrong_type(member_path(path, key), "a string", v);
  return v.get_ref<const std::string&>();
}

bool bool_field(const json& object, const std::string& path, const char* key) {
  const json& v = field(object, path, key);
  if (!v.is_boolean()) wrong_type(member_path(path, key), "a boolean", v);
  return v.get<bool>();
}

// A non-negative integer that fits int64.
std::int64_t counter_field(const json& object, const std::string& path, const char* key) {
  const json& v = field(object, path, key);
  if (!v.is_number_integer()) wrong_type(member_path(path, key), "an integer", v);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      throw ProtocolError(member_path(path, key), "out of range");
    }
    return static_cast<std::int64_t>(u);
  }
  const auto i = v.get<std::int64_t>();
  if (i < 0) throw ProtocolError(member_path(path, key), "negative");
  return i;
}

const std::string& enum_field(const json& object, const std::string& path, const char* key,
                              std::initializer_list<std::string_view> allowed) {
  const std::string& s = string_field(object, path, key);
  for (const auto a : allowed) {
    if (s == a) return s;
  }
  throw ProtocolError(member_path(path, key), "unknown value" + quoted_if_short(s));
}

// A catalog item id: 1..kMaxItemIdChars code points.
const std::string& item_id_field(const json& object, const std::string& path, const char* key) {
  const std::string& id = string_field(object, path, key);
  const std::size_t n = code_points(id);
  if (n == 0 || n > kMaxItemIdChars)
    throw ProtocolError(member_path(path, key), "not 1.." + std::to_string(kMaxItemIdChars) + " characters");
  return id;
}

// A booking state: 1..32 of [a-z_] (values a terminal does not know are its to ignore).
const std::string& state_field(const json& object, const std::string& path, const char* key) {
  const std::string& s = string_field(object, path, key);
  if (s.empty() || s.size() > 32 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
    throw ProtocolError(member_path(path, key), "not 1..32 of [a-z_]");
  return s;
}

bool is_hex_lower(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!is_hex_lower(s[i])) {
      return false;
    }
  }
  return true;
}

const std::string& uuid_field(const json& object, const std::string& path, const char* key) {
  const std::string& s = string_field(object, path, key);
  if (!is_uuid(s)) throw ProtocolError(member_path(path, key), "not a lower-case UUID");
  return s;
}

// YYYY-MM-DDTHH:MM:SS.mmmZ, a real day and time.
bool is_timestamp(std::string_view s) {
  return wk::core::is_iso8601(s);
}

bool is_error_code(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// Serialises strictly; a string that is not valid UTF-8 becomes a ProtocolError.
std::string dump(const json& doc) {
  try {
    return doc.dump();
  } catch (const json::exception&) {
    throw ProtocolError("body", "a string to write is not valid UTF-8");
  }
}

}  // namespace

// [SECTION] Writers

const char* to_string(PushResult::Status status) noexcept {
  switch (status) {
    case PushResult::Status::applied:
      return "applied";
    case PushResult::Status::duplicate:
      return "duplicate";
    case PushResult::Status::rejected:
      return "rejected";
  }
  return "?";
}

std::string to_json(const PushRequest& request) {
  json changes = json::array();
  for (const Change& c : request.changes) {
    changes.push_back({{"change_id", c.change_id},
                       {"seq", c.seq},
                       {"entity", c.entity},
                       {"entity_id", c.entity_id},
                       {"op", c.op},
                       {"created_at", c.created_at},
                       {"payload", c.payload}});
  }
  return dump({{"protocol", kProtocolVersion}, {"terminal_id", request.terminal_id}, {"changes", std::move(changes)}});
}

std::string to_json(const PushResponse& response) {
  json results = json::array();
  for (const PushResult& r : response.results) {
    json o = {{"change_id", r.change_id}, {"status", to_string(r.status)}};
    if (r.status == PushResult::Status::rejected) o["reason"] = r.reason;
    results.push_back(std::move(o));
  }
  return dump({{"protocol", kProtocolVersion}, {"results", std::move(results)}});
}

std::string to_json(const CatalogResponse& response) {
  json items = json::array();
  for (const CatalogItem& item : response.items) {
    json o = {{"kind", item.kind}, {"id", item.id}, {"version", item.version}, {"deleted", item.deleted}};
    if (!item.deleted) o["data"] = item.data;
    items.push_back(std::move(o));
  }
  json doc = {{"protocol", kProtocolVersion},
              {"cursor", response.cursor},
              {"more", response.more},
              {"items", std::move(items)}};
  if (response.reset) doc["reset"] = true;
  if (!response.bookings.empty()) {
    json bookings = json::array();
    for (const BookingState& b : response.bookings)
      bookings.push_back({{"id", b.id}, {"version", b.version}, {"state", b.state}});
    doc["bookings"] = std::move(bookings);
  }
  if (!response.kuemmerer.empty()) {
    json kuemmerer = json::array();
    for (const KuemmererState& k : response.kuemmerer)
      kuemmerer.push_back({{"registration_id", k.registration_id},
                           {"version", k.version},
                           {"kuemmerer_id", k.kuemmerer_id.empty() ? json(nullptr) : json(k.kuemmerer_id)}});
    doc["kuemmerer"] = std::move(kuemmerer);
  }
  if (response.has_allotments) {
    json allotments = json::array();
    for (const Allotment& a : response.allotments)
      allotments.push_back({{"course_id", a.course_id}, {"seats", a.seats}, {"expires_in", a.expires_in}});
    doc["allotments"] = std::move(allotments);
  }
  return dump(doc);
}

std::string to_json(const CodeLookup& lookup) {
  json bookings = json::array();
  for (const LookupBooking& b : lookup.bookings) {
    json lines = json::array();
    for (const LookupLine& l : b.lines) lines.push_back({{"course_id", l.course_id}, {"person", l.person}});
    json o = {{"id", b.id}, {"state", b.state}, {"lines", std::move(lines)}};
    if (b.of > 0) {
      o["position"] = b.position;
      o["of"] = b.of;
    }
    if (b.offer_expires_in > 0) o["offer_expires_in"] = b.offer_expires_in;
    bookings.push_back(std::move(o));
  }
  json doc = {{"protocol", kProtocolVersion},
              {"known", lookup.known},
              {"initial", lookup.initial},
              {"bookings", std::move(bookings)}};
  if (!lookup.kuemmerer_id.empty()) doc["kuemmerer_id"] = lookup.kuemmerer_id;
  return dump(doc);
}

std::string to_json(const OfferReply& reply) {
  return dump({{"protocol", kProtocolVersion}, {"code", reply.code}, {"answer", reply.answer}});
}

std::string to_json(const OfferResult& result) {
  return dump({{"protocol", kProtocolVersion}, {"id", result.id}, {"state", result.state}});
}

std::string to_json(const ErrorBody& error) {
  json e = {{"code", error.code}, {"message", error.message}};
  if (!error.supported.empty()) e["supported"] = error.supported;
  return dump({{"protocol", kProtocolVersion}, {"error", std::move(e)}});
}

// [SECTION] Parsers

PushRequest parse_push_request(std::string_view body) {
  const json doc = parse_document(body, kMaxRequestBytes);
  PushRequest out;
  out.terminal_id = string_field(doc, "", "terminal_id");
  if (!wk::core::is_terminal_id(out.terminal_id)) throw ProtocolError("terminal_id", "not 1..64 of [A-Za-z0-9._-]");
  const json& changes = array_field(doc, "", "changes");
  if (changes.size() > kMaxBatch) {
    throw ProtocolError("changes", std::to_string(changes.size()) + " changes, more than " + std::to_string(kMaxBatch));
  }
  out.changes.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string path = index_path("changes", i);
    const json& c = changes[i];
    if (!c.is_object()) wrong_type(path, "an object", c);
    Change change;
    change.change_id = uuid_field(c, path, "change_id");
    change.seq = counter_field(c, path, "seq");
    if (!out.changes.empty() && change.seq <= out.changes.back().seq) {
      throw ProtocolError(member_path(path, "seq"), "not greater than the previous change's");
    }
    change.entity = string_field(c, path, "entity");
    if (!is_change_entity(change.entity)) throw ProtocolError(member_path(path, "entity"), "unknown value" + quoted_if_short(change.entity));
    change.entity_id = uuid_field(c, path, "entity_id");
    change.op = enum_field(c, path, "op", {"insert", "update", "delete"});
    change.created_at = string_field(c, path, "created_at");
    if (!is_timestamp(change.created_at)) {
      throw ProtocolError(member_path(path, "created_at"), "not YYYY-MM-DDTHH:MM:SS.mmmZ");
    }
    change.payload = object_field(c, path, "payload");
    out.changes.push_back(std::move(change));
  }
  return out;
}

PushResponse parse_push_response(std::string_view body, const PushRequest& sent) {
  const json doc = parse_document(body, kMaxResponseBytes);
  const json& results = array_field(doc, "", "results");
  if (results.size() != sent.changes.size()) {
    throw ProtocolError("results", std::to_string(results.size()) + " results for " +
                                       std::to_string(sent.changes.size()) + " changes sent");
  }
  PushResponse out;
  out.results.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string path = index_path("results", i);
    const json& r = results[i];
    if (!r.is_object()) wrong_type(path, "an object", r);
    PushResult result;
    result.change_id = string_field(r, path, "change_id");
    if (result.change_id != sent.changes[i].change_id) {
      throw ProtocolError(member_path(path, "change_id"), "not the change_id of change " + std::to_string(i) + " sent");
    }
    const std::string& status = enum_field(r, path, "status", {"applied", "duplicate", "rejected"});
    result.status = status == "applied"     ? PushResult::Status::applied
                    : status == "duplicate" ? PushResult::Status::duplicate
                                            : PushResult::Status::rejected;
    const bool has_reason = r.contains("reason");
    if (result.status == PushResult::Status::rejected) {
      result.reason = string_field(r, path, "reason");
      const std::size_t n = code_points(result.reason);
      if (n == 0) throw ProtocolError(member_path(path, "reason"), "empty");
      if (n > kMaxReasonChars) {
        throw ProtocolError(member_path(path, "reason"),
                            "longer than " + std::to_string(kMaxReasonChars) + " characters");
      }
    } else if (has_reason) {
      throw ProtocolError(member_path(path, "reason"), std::string("present for status \"") + status + "\"");
    }
    out.results.push_back(std::move(result));
  }
  return out;
}

CatalogResponse parse_catalog_response(std::string_view body) {
  const json doc = parse_document(body, kMaxResponseBytes);
  CatalogResponse out;
  out.cursor = string_field(doc, "", "cursor");
  if (code_points(out.cursor) > kMaxCursorChars) {
    throw ProtocolError("cursor", "longer than " + std::to_string(kMaxCursorChars) + " characters");
  }
  out.more = bool_field(doc, "", "more");
  if (doc.contains("reset")) out.reset = bool_field(doc, "", "reset");
  const json& items = array_field(doc, "", "items");
  if (items.size() > static_cast<std::size_t>(kMaxPullLimit)) {
    throw ProtocolError("items", std::to_string(items.size()) + " items, more than " + std::to_string(kMaxPullLimit));
  }
  out.items.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = index_path("items", i);
    const json& it = items[i];
    if (!it.is_object()) wrong_type(path, "an object", it);
    CatalogItem item;
    item.kind = enum_field(it, path, "kind", {"course", "organisation", "contact_person", "text"});
    item.id = string_field(it, path, "id");
    const std::size_t id_chars = code_points(item.id);
    if (id_chars == 0) throw ProtocolError(member_path(path, "id"), "empty");
    if (id_chars > kMaxItemIdChars) {
      throw ProtocolError(member_path(path, "id"), "longer than " + std::to_string(kMaxItemIdChars) + " characters");
    }
    item.version = counter_field(it, path, "version");
    if (!out.items.empty() && item.version <= out.items.back().version) {
      throw ProtocolError(member_path(path, "version"), "not greater than the previous item's");
    }
    item.deleted = bool_field(it, path, "deleted");
    if (item.deleted) {
      if (it.contains("data")) throw ProtocolError(member_path(path, "data"), "present on a tombstone");
    } else {
      item.data = object_field(it, path, "data");
    }
    out.items.push_back(std::move(item));
  }
  if (doc.contains("bookings")) {
    const json& bookings = array_field(doc, "", "bookings");
    if (items.size() + bookings.size() > static_cast<std::size_t>(kMaxPullLimit)) {
      throw ProtocolError("bookings", "items and bookings more than " + std::to_string(kMaxPullLimit));
    }
    for (std::size_t i = 0; i < bookings.size(); ++i) {
      const std::string path = index_path("bookings", i);
      const json& b = bookings[i];
      if (!b.is_object()) wrong_type(path, "an object", b);
      BookingState state;
      state.id = string_field(b, path, "id");
      if (state.id.empty() || code_points(state.id) > 64)
        throw ProtocolError(member_path(path, "id"), "not 1..64 characters");
      state.version = counter_field(b, path, "version");
      if (!out.bookings.empty() && state.version <= out.bookings.back().version) {
        throw ProtocolError(member_path(path, "version"), "not greater than the previous booking's");
      }
      state.state = string_field(b, path, "state");
      if (state.state.empty() || state.state.size() > 32 ||
          !std::all_of(state.state.begin(), state.state.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
        throw ProtocolError(member_path(path, "state"), "not 1..32 of [a-z_]");
      }
      out.bookings.push_back(std::move(state));
    }
  }
  if (doc.contains("kuemmerer")) {
    const json& kuemmerer = array_field(doc, "", "kuemmerer");
    if (items.size() + out.bookings.size() + kuemmerer.size() > static_cast<std::size_t>(kMaxPullLimit)) {
      throw ProtocolError("kuemmerer", "items, bookings and kuemmerer more than " + std::to_string(kMaxPullLimit));
    }
    for (std::size_t i = 0; i < kuemmerer.size(); ++i) {
      const std::string path = index_path("kuemmerer", i);
      const json& k = kuemmerer[i];
      if (!k.is_object()) wrong_type(path, "an object", k);
      KuemmererState state;
      state.registration_id = string_field(k, path, "registration_id");
      if (state.registration_id.empty() || code_points(state.registration_id) > 64)
        throw ProtocolError(member_path(path, "registration_id"), "not 1..64 characters");
      state.version = counter_field(k, path, "version");
      if (!out.kuemmerer.empty() && state.version <= out.kuemmerer.back().version)
        throw ProtocolError(member_path(path, "version"), "not greater than the previous entry's");
      if (!k.contains("kuemmerer_id")) throw ProtocolError(member_path(path, "kuemmerer_id"), "missing");
      if (!k["kuemmerer_id"].is_null()) {
        state.kuemmerer_id = string_field(k, path, "kuemmerer_id");
        if (state.kuemmerer_id.empty() || state.kuemmerer_id.size() > kMaxKuemmererId)
          throw ProtocolError(member_path(path, "kuemmerer_id"),
                              "not 1.." + std::to_string(kMaxKuemmererId) + " bytes");
      }
      out.kuemmerer.push_back(std::move(state));
    }
  }
  if (doc.contains("allotments")) {
    const json& allotments = array_field(doc, "", "allotments");
    if (allotments.size() > static_cast<std::size_t>(kMaxPullLimit))
      throw ProtocolError("allotments", "more than " + std::to_string(kMaxPullLimit));
    out.has_allotments = true;
    for (std::size_t i = 0; i < allotments.size(); ++i) {
      const std::string path = index_path("allotments", i);
      const json& a = allotments[i];
      if (!a.is_object()) wrong_type(path, "an object", a);
      Allotment allotment;
      allotment.course_id = item_id_field(a, path, "course_id");
      for (const Allotment& before : out.allotments)
        if (before.course_id == allotment.course_id) throw ProtocolError(member_path(path, "course_id"), "twice");
      allotment.seats = counter_field(a, path, "seats");
      if (allotment.seats < 1 || allotment.seats > kMaxAllotmentSeats)
        throw ProtocolError(member_path(path, "seats"), "not 1.." + std::to_string(kMaxAllotmentSeats));
      allotment.expires_in = counter_field(a, path, "expires_in");
      if (allotment.expires_in < 1 || allotment.expires_in > kMaxLeaseSeconds)
        throw ProtocolError(member_path(path, "expires_in"), "not 1.." + std::to_string(kMaxLeaseSeconds));
      out.allotments.push_back(std::move(allotment));
    }
  }
  return out;
}

CodeLookup parse_code_lookup(std::string_view body) {
  const json doc = parse_document(body, kMaxResponseBytes);
  CodeLookup out;
  out.known = bool_field(doc, "", "known");
  out.initial = string_field(doc, "", "initial");
  if (code_points(out.initial) > 8) throw ProtocolError("initial", "longer than 8 characters");
  const json& bookings = array_field(doc, "", "bookings");
  if (bookings.size() > 100) throw ProtocolError("bookings", "more than 100");
  for (std::size_t i = 0; i < bookings.size(); ++i) {
    const std::string path = index_path("bookings", i);
    const json& b = bookings[i];
    if (!b.is_object()) wrong_type(path, "an object", b);
    LookupBooking booking;
    booking.id = string_field(b, path, "id");
    if (booking.id.empty() || code_points(booking.id) > 64)
      throw ProtocolError(member_path(path, "id"), "not 1..64 characters");
    booking.state = state_field(b, path, "state");
    const json& lines = array_field(b, path, "lines");
    if (lines.empty() || lines.size() > 20) throw ProtocolError(member_path(path, "lines"), "not 1..20 lines");
    for (std::size_t j = 0; j < lines.size(); ++j) {
      const std::string lpath = index_path(member_path(path, "lines"), j);
      const json& l = lines[j];
      if (!l.is_object()) wrong_type(lpath, "an object", l);
      LookupLine line;
      line.course_id = item_id_field(l, lpath, "course_id");
      const std::int64_t person = counter_field(l, lpath, "person");
      if (person > 20) throw ProtocolError(member_path(lpath, "person"), "not 0..20");
      line.person = static_cast<int>(person);
      booking.lines.push_back(std::move(line));
    }
    if (b.contains("position") || b.contains("of")) {
      booking.position = counter_field(b, path, "position");
      booking.of = counter_field(b, path, "of");
      if (booking.position < 1 || booking.position > booking.of)
        throw ProtocolError(member_path(path, "position"), "not 1..of");
    }
    if (b.contains("offer_expires_in")) {
      booking.offer_expires_in = counter_field(b, path, "offer_expires_in");
      if (booking.offer_expires_in < 1 || booking.offer_expires_in > kMaxLeaseSeconds)
        throw ProtocolError(member_path(path, "offer_expires_in"), "not 1.." + std::to_string(kMaxLeaseSeconds));
    }
    out.bookings.push_back(std::move(booking));
  }
  if (doc.contains("kuemmerer_id")) {
    out.kuemmerer_id = string_field(doc, "", "kuemmerer_id");
    if (out.kuemmerer_id.empty() || out.kuemmerer_id.size() > kMaxKuemmererId)
      throw ProtocolError("kuemmerer_id", "not 1.." + std::to_string(kMaxKuemmererId) + " bytes");
  }
  return out;
}

OfferReply parse_offer_reply(std::string_view body) {
  const json doc = parse_document(body, kMaxRequestBytes);
  OfferReply out;
  out.code = string_field(doc, "", "code");
  if (out.code.empty() || out.code.size() > 32) throw ProtocolError("code", "not 1..32 characters");
  out.answer = enum_field(doc, "", "answer", {"accept", "decline"});
  return out;
}

OfferResult parse_offer_result(std::string_view body) {
  const json doc = parse_document(body, kMaxResponseBytes);
  OfferResult out;
  out.id = string_field(doc, "", "id");
  if (out.id.empty() || code_points(out.id) > 64) throw ProtocolError("id", "not 1..64 characters");
  out.state = state_field(doc, "", "state");
  return out;
}

ErrorBody parse_error_body(std::string_view body) {
  const json doc = parse_document(body, kMaxResponseBytes, /*any_version=*/true);
  const json& e = object_field(doc, "", "error");
  ErrorBody out;
  out.protocol = doc.at("protocol").get<int>();
  out.code = string_field(e, "error", "code");
  if (!is_error_code(out.code)) throw ProtocolError("error.code", "not 1..64 of [a-z_]");
  out.message = string_field(e, "error", "message");
  if (e.contains("supported")) {
    const json& supported = array_field(e, "error", "supported");
    for (std::size_t i = 0; i < supported.size(); ++i) {
      const json& v = supported[i];
      const std::string path = index_path("error.supported", i);
      if (!v.is_number_integer()) wrong_type(path, "an integer", v);
      const bool in_range = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT_MAX)
                                                   : v.get<std::int64_t>() >= 1 && v.get<std::int64_t>() <= INT_MAX;
      if (!in_range || v.get<std::int64_t>() < 1) throw ProtocolError(path, "not a valid version number");
      out.supported.push_back(static_cast<int>(v.get<std::int64_t>()));
    }
  }
  return out;
}

bool is_change_entity(std::string_view entity) {
  return std::find(std::begin(kChangeEntities), std::end(kChangeEntities), entity) != std::end(kChangeEntities);
}

}  // namespace wk::sync
