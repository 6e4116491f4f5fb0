// Helpers shared by the hub tests: valid pushed changes (a registration payload shaped like
// kiosk/core/registration.cpp registration_json, visit payloads), a throw-away TLS
// certificate made with the openssl command line, and gzip for request bodies.
#pragma once

#include "kiosk/core/uuid.hpp"
#include "sync/protocol/messages.hpp"

#include <zlib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace wk::hub::test {

// A registration payload that passes the hub's checks (the schema's writer's shape).
inline nlohmann::json registration_payload(const std::string& id, const std::string& terminal_id = "term-1") {
  return {
      {"id", id},
      {"code", "K7QM-4XRT-X"},
      {"created_at", "2026-11-25T10:15:02.123Z"},
      {"terminal_id", terminal_id},
      {"target_group", "skilled_worker"},
      {"given_names", "Amina"},
      {"family_name", "Haddad"},
      {"native_name", nullptr},
      {"birth_date", "1990-04-17"},
      {"nationality", "SY"},
      {"phone", "+4915112345678"},
      {"email", nullptr},
      {"residence", nullptr},
      {"preferred_language", "ar"},
      {"contact_channel", "phone"},
      {"occupation", "nurse"},
      {"recognition", "in_progress"},
      {"employer", nullptr},
      {"arrival_date", "2026-10-01"},
      {"kuemmerer_id", nullptr},
      {"family_members",
       {{{"id", wk::core::uuid_v7()},
         {"position", 0},
         {"relation", "child"},
         {"given_names", "Lina"},
         {"family_name", "Haddad"},
         {"native_name", nullptr},
         {"birth_date", "2023-02-28"},
         {"needs_language_course", false},
         {"needs_daycare", true},
         {"needs_school", false}}}},
      {"consent",
       {{"id", wk::core::uuid_v7()},
        {"notice_version", std::string(64, 'a')},
        {"language", "ar"},
        {"given_at", "2026-11-25T10:14:40.000Z"},
        {"terminal_id", terminal_id},
        {"purposes", {"counselling", "course_matching"}}}},
  };
}

inline wk::sync::Change registration_change(std::int64_t seq, const std::string& terminal_id = "term-1") {
  wk::sync::Change c;
  c.change_id = wk::core::uuid_v7();
  c.seq = seq;
  c.entity = "registration";
  c.entity_id = wk::core::uuid_v7();
  c.op = "insert";
  c.created_at = "2026-11-25T10:15:02.123Z";
  c.payload = registration_payload(c.entity_id, terminal_id);
  return c;
}

inline wk::sync::Change visit_change(std::int64_t seq, const std::string& visit_id, const std::string& op,
                                     nlohmann::json payload) {
  wk::sync::Change c;
  c.change_id = wk::core::uuid_v7();
  c.seq = seq;
  c.entity = "visit";
  c.entity_id = visit_id;
  c.op = op;
  c.created_at = "2026-11-25T10:15:02.123Z";
  payload["id"] = visit_id;
  c.payload = std::move(payload);
  return c;
}

// gzip (RFC 1952) of `data`.
// A usage change (sync/protocol/usage_payload.hpp) carrying `payload` as it is, valid or not.
inline wk::sync::Change usage_change(std::int64_t seq, const nlohmann::json& payload) {
  wk::sync::Change c;
  c.change_id = wk::core::uuid_v7();
  c.seq = seq;
  c.entity = "usage";
  c.entity_id = wk::core::uuid_v7();
  c.op = "update";
  c.created_at = "2026-12-07T09:00:00.000Z";
  c.payload = payload;
  return c;
}

inline std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  return out;
}

inline std::string gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("inflateInit2");
  std::string out;
  char buffer[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      throw std::runtime_error("inflate");
    }
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

// A self-signed P-256 certificate for localhost and 127.0.0.1 (cert.pem, key.pem in `dir`),
// made with the openssl command line.
inline void make_test_certificate(const std::filesystem::path& dir) {
  const std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
      "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '" +
      (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
}

}  // namespace wk::hub::test
