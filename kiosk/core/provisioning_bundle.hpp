// The provisioning bundle: everything a new terminal needs to reach its hub, in one file that
// welcome-hub writes (`terminal add ID --bundle FILE`) and `welcome-kiosk --provision FILE`
// reads. The file alone is useless: its contents are sealed (XSalsa20-Poly1305) under a key
// derived (Argon2id) from a short code that welcome-hub prints and the IT person types. A wrong
// code, a changed byte and an expired bundle are each told apart and refused.
//
// File (JSON): {"format": "welcome-kiosk-provisioning/1", "terminal_id", "salt", "check", "nonce",
// "sealed"} — terminal_id in the clear so staff can tell bundles apart (it is sealed too, and the
// two must agree); the rest base64. "check" is derived with the key: it tells a wrong code from
// a changed file without revealing more than the seal itself does.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

struct BundleContents {
  std::string terminal_id;
  std::string hub_url;                   // https://
  std::string ca_pem;                    // the CA certificate that signed the hub's
  std::vector<std::string> pinned_keys;  // "sha256//..." (current and backup), may be empty
  std::string token;                     // the terminal's bearer token (43 base64url characters)
  std::chrono::system_clock::time_point expires_at;
};

struct SealedBundle {
  std::string file_text;  // the bundle file's contents
  std::string code;       // XXXX-XXXX-XXXX: 60 random bits, Crockford base32
};

class BundleError : public std::runtime_error {
 public:
  enum class Kind {
    broken,      // not a bundle file, or one this version cannot read
    wrong_code,  // the code does not belong to this bundle
    tampered,    // changed after it was made (or damaged)
    expired,     // past its expires_at
    invalid,     // sealed correctly, but what it holds is not usable (a bug or another tool)
  };
  BundleError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// Seals `contents` (checked first: throws std::invalid_argument naming the field) under a new
// random code.
SealedBundle seal_bundle(const BundleContents& contents);

// Opens a bundle file with the code the person typed (case, spaces and dashes do not matter;
// O reads as 0, I and L as 1). Throws BundleError; never returns contents that fail the checks
// of seal_bundle or are expired at `now`.
BundleContents open_bundle(std::string_view file_text, std::string_view code,
                           std::chrono::system_clock::time_point now);

}  // namespace wk::core
