// The provisioning bundle's format (see provisioning_bundle.hpp).
#include "kiosk/core/provisioning_bundle.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "kiosk/core/config.hpp"
#include "kiosk/core/secure_clear.hpp"
#include "kiosk/core/terminal_id.hpp"
#include "kiosk/core/time.hpp"

namespace wk::core {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "welcome-kiosk-provisioning/1";
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCodeChars = 12;
constexpr std::size_t kCheckBytes = 16;

void need_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// The bytes of `text`, or nullopt when it is not base64 of exactly `size` bytes (size 0: any).
std::optional<std::vector<unsigned char>> from_base64(const std::string& text, std::size_t size) {
  std::vector<unsigned char> out(text.size());
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  if (size != 0 && len != size) return std::nullopt;
  return out;
}

// The code as typed, in its canonical 12 characters; "" when it cannot be one.
std::string normalize_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kCrockford.find(c) == std::string_view::npos) return {};
    out += c;
  }
  return out.size() == kCodeChars ? out : std::string();
}

// key (32 bytes) then check (16 bytes), from the code and the salt.
std::array<unsigned char, crypto_secretbox_KEYBYTES + kCheckBytes> derive(const std::string& code,
                                                                          const unsigned char* salt) {
  std::array<unsigned char, crypto_secretbox_KEYBYTES + kCheckBytes> out{};
  if (crypto_pwhash(out.data(), out.size(), code.data(), code.size(), salt, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to derive the bundle key (64 MiB)");
  return out;
}

void check_contents(const BundleContents& c) {
  if (!is_terminal_id(c.terminal_id))
    throw std::invalid_argument("terminal id: expected 1..64 characters of A-Z a-z 0-9 . _ -");
  if (c.hub_url.rfind("https://", 0) != 0 || c.hub_url.size() <= 8 ||
      std::any_of(c.hub_url.begin(), c.hub_url.end(), [](char ch) { return ch <= ' ' || ch == 0x7f; }))
    throw std::invalid_argument("hub URL: expected an https:// URL without spaces");
  if (c.ca_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
    throw std::invalid_argument("CA certificate: expected a PEM certificate");
  for (const auto& pin : c.pinned_keys)
    if (!is_key_pin(pin))
      throw std::invalid_argument("pinned key \"" + pin + "\": expected sha256// and 44 characters");
  const bool token_ok = c.token.size() == 43 && std::all_of(c.token.begin(), c.token.end(), [](char ch) {
                          return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                                 ch == '-' || ch == '_';
                        });
  if (!token_ok) throw std::invalid_argument("token: expected 43 base64url characters");
}

}  // namespace

SealedBundle seal_bundle(const BundleContents& contents) {
  check_contents(contents);
  need_sodium();
  std::string code;
  for (std::size_t i = 0; i < kCodeChars; ++i) code += kCrockford[randombytes_uniform(32)];
  std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
  std::array<unsigned char, crypto_secretbox_NONCEBYTES> nonce{};
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  auto derived = derive(code, salt.data());

  std::string plain = json{{"terminal_id", contents.terminal_id},
                           {"hub_url", contents.hub_url},
                           {"ca_pem", contents.ca_pem},
                           {"pinned_keys", contents.pinned_keys},
                           {"token", contents.token},
                           {"expires_at", to_iso8601(contents.expires_at)}}
                          .dump();
  std::vector<unsigned char> sealed(plain.size() + crypto_secretbox_MACBYTES);
  crypto_secretbox_easy(sealed.data(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce.data(),
                        derived.data());
  secure_clear(plain);
  json file{{"format", kFormat},
            {"terminal_id", contents.terminal_id},
            {"salt", to_base64(salt.data(), salt.size())},
            {"check", to_base64(derived.data() + crypto_secretbox_KEYBYTES, kCheckBytes)},
            {"nonce", to_base64(nonce.data(), nonce.size())},
            {"sealed", to_base64(sealed.data(), sealed.size())}};
  sodium_memzero(derived.data(), derived.size());
  return {file.dump(2) + "\n", code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4)};
}

BundleContents open_bundle(std::string_view file_text, std::string_view typed_code,
                           std::chrono::system_clock::time_point now) {
  using Kind = BundleError::Kind;
  json file;
  try {
    file = json::parse(file_text);
  } catch (const json::exception&) {
    throw BundleError(Kind::broken, "not a provisioning bundle (not JSON; damaged, or another file)");
  }
  const auto text = [&](const char* key) -> std::string {
    if (!file.is_object() || !file.contains(key) || !file.at(key).is_string())
      throw BundleError(Kind::broken, std::string("not a provisioning bundle (no \"") + key + "\")");
    return file.at(key).get<std::string>();
  };
  if (text("format") != kFormat)
    throw BundleError(Kind::broken, "a provisioning bundle of another format (\"" + text("format") +
                                        "\"); this kiosk reads " + std::string(kFormat));
  const auto salt = from_base64(text("salt"), crypto_pwhash_SALTBYTES);
  const auto check = from_base64(text("check"), kCheckBytes);
  const auto nonce = from_base64(text("nonce"), crypto_secretbox_NONCEBYTES);
  const auto sealed = from_base64(text("sealed"), 0);
  if (!salt || !check || !nonce || !sealed || sealed->size() < crypto_secretbox_MACBYTES)
    throw BundleError(Kind::tampered, "the bundle was changed after it was made (a field is damaged)");
  const std::string code = normalize_code(typed_code);
  if (code.empty()) throw BundleError(Kind::wrong_code, "the code must be 12 letters and digits, like 7KQ2-M9XD-4TRB");
  need_sodium();
  auto derived = derive(code, salt->data());
  if (sodium_memcmp(derived.data() + crypto_secretbox_KEYBYTES, check->data(), kCheckBytes) != 0) {
    sodium_memzero(derived.data(), derived.size());
    throw BundleError(Kind::wrong_code, "the code does not belong to this bundle (mistyped, or another bundle's)");
  }
  std::string plain(sealed->size() - crypto_secretbox_MACBYTES, '\0');
  const int opened = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), sealed->data(),
                                                sealed->size(), nonce->data(), derived.data());
  sodium_memzero(derived.data(), derived.size());
  if (opened != 0) throw BundleError(Kind::tampered, "the bundle was changed after it was made (its seal is broken)");

  BundleContents c;
  try {
    const json inner = json::parse(plain);
    c.terminal_id = inner.at("terminal_id").get<std::string>();
    c.hub_url = inner.at("hub_url").get<std::string>();
    c.ca_pem = inner.at("ca_pem").get<std::string>();
    c.pinned_keys = inner.at("pinned_keys").get<std::vector<std::string>>();
    c.token = inner.at("token").get<std::string>();
    const auto expires = from_iso8601(inner.at("expires_at").get<std::string>());
    if (!expires) throw std::invalid_argument("expires_at: not a time stamp");
    c.expires_at = *expires;
    check_contents(c);
  } catch (const std::exception& e) {
    secure_clear(plain);
    throw BundleError(Kind::invalid, std::string("the bundle holds something unusable: ") + e.what());
  }
  secure_clear(plain);
  if (c.terminal_id != text("terminal_id"))
    throw BundleError(Kind::tampered, "the bundle was changed after it was made (its terminal id was altered)");
  if (now >= c.expires_at)
    throw BundleError(Kind::expired,
                      "the bundle expired at " + to_iso8601(c.expires_at) +
                          "; make a new one on the hub (welcome-hub terminal bundle ID --bundle FILE ...)");
  return c;
}

}  // namespace wk::core
