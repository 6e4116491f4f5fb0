// A throw-away public-key infrastructure for tests: one self-signed certificate authority and
// server ("leaf") certificates it issues, written as PEM files into a directory the caller owns
// (usually a fresh temporary directory). Built with the OpenSSL 3 C API, no shell, no network.
//
// Everything uses EC P-256 keys and SHA-256 signatures. The CA has basicConstraints CA:TRUE
// (critical), keyUsage keyCertSign+cRLSign and a subject key identifier; leaves carry
// subjectAltName (DNS names and IP addresses), keyUsage digitalSignature, extendedKeyUsage
// serverAuth, basicConstraints CA:FALSE and an authority key identifier. Serial numbers are
// random. Files are created with mode 0600 (the key files hold unencrypted private keys).
//
// Typical uses: a valid server certificate for "localhost"/127.0.0.1; one for another host name
// (host name mismatch); an expired one (negative not_after_offset); a second TestPki as the
// "wrong CA". Leaf::pin is what libcurl's CURLOPT_PINNEDPUBLICKEY expects.
//
// Not thread-safe per object (issue() from one thread at a time); separate objects are independent.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace wk::test {

class TestPki {
 public:
  // A server certificate and its key, as PEM files in the PKI's directory.
  struct Leaf {
    std::filesystem::path cert_file;  // the leaf certificate alone (PEM)
    std::filesystem::path key_file;   // its private key, PKCS#8 PEM, unencrypted
    std::string pin;                  // "sha256//BASE64" of the DER SubjectPublicKeyInfo
  };

  // Creates `dir` if needed, makes a CA key and self-signed certificate (valid from one hour
  // ago for ten years) named `ca_name` (its common name), and writes `<dir>/ca.pem` and
  // `<dir>/ca.key`. Throws std::runtime_error naming the step and OpenSSL's error on failure.
  explicit TestPki(std::filesystem::path dir, std::string ca_name = "Test CA");

  // The CA certificate (PEM): what a client is told to trust.
  const std::filesystem::path& ca_file() const { return ca_file_; }
  // The directory the files are written to.
  const std::filesystem::path& dir() const { return dir_; }
  // The CA's public-key pin ("sha256//BASE64"), e.g. to test a pin that matches no leaf.
  const std::string& ca_pin() const { return ca_pin_; }

  // Issues a leaf certificate for `name` (its common name; also the file stem: `<dir>/<name>.pem`
  // and `<dir>/<name>.key`, overwritten if present, so `name` must be a plain file name other
  // than "ca", else std::invalid_argument) with subjectAltName entries for `dns_names` and
  // `ip_addresses` (IPv4 or IPv6 literals; a malformed one throws std::invalid_argument).
  // Validity runs from now + not_before_offset to now + not_after_offset: a negative
  // not_after_offset gives an expired certificate (pass an earlier not_before_offset too: the
  // window must not be empty, else std::invalid_argument), a positive not_before_offset one not
  // yet valid. Throws std::runtime_error on OpenSSL or file errors.
  Leaf issue(const std::string& name, std::vector<std::string> dns_names, std::vector<std::string> ip_addresses,
             std::chrono::seconds not_before_offset = std::chrono::hours{-1},
             std::chrono::seconds not_after_offset = std::chrono::hours{24 * 30});

  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;
  TestPki(TestPki&&) = default;
  TestPki& operator=(TestPki&&) = default;
  ~TestPki();

 private:
  std::filesystem::path dir_;
  std::filesystem::path ca_file_;
  std::filesystem::path ca_key_file_;
  std::string ca_name_;
  std::string ca_pin_;
  std::string ca_cert_pem_;  // kept in memory so issue() does not depend on the files staying put
  std::string ca_key_pem_;
};

}  // namespace wk::test
