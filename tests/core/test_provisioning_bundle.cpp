// The provisioning bundle: what welcome-hub seals, welcome-kiosk opens with the code, and every
// way a bundle is refused (broken, wrong code, changed, expired, holding something unusable).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/core/provisioning_bundle.hpp"
#include "kiosk/core/time.hpp"

using wk::core::BundleContents;
using wk::core::BundleError;
using Kind = BundleError::Kind;

namespace {

const auto kNow = *wk::core::from_iso8601("2026-12-08T09:00:00.000Z");

BundleContents sample() {
  BundleContents c;
  c.terminal_id = "berlin-mitte-01";
  c.hub_url = "https://hub.example.org:8443";
  c.ca_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  c.pinned_keys = {"sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="};
  c.token = std::string(43, 'A');
  c.expires_at = kNow + std::chrono::hours(24 * 7);
  return c;
}

Kind refusal(const std::string& text, const std::string& code, std::chrono::system_clock::time_point now = kNow) {
  try {
    wk::core::open_bundle(text, code, now);
  } catch (const BundleError& e) {
    return e.kind();
  }
  FAIL("the bundle was accepted");
  return Kind::broken;
}

}  // namespace

TEST_CASE("Bundle: what is sealed opens with its code, however it is typed", "[bundle]") {
  const auto sealed = wk::core::seal_bundle(sample());
  REQUIRE(sealed.code.size() == 14);
  CHECK(sealed.code[4] == '-');
  CHECK(sealed.file_text.find(std::string(43, 'A')) == std::string::npos);  // the token is not in the clear
  const BundleContents c = wk::core::open_bundle(sealed.file_text, sealed.code, kNow);
  CHECK(c.terminal_id == "berlin-mitte-01");
  CHECK(c.hub_url == "https://hub.example.org:8443");
  CHECK(c.ca_pem == sample().ca_pem);
  CHECK(c.pinned_keys == sample().pinned_keys);
  CHECK(c.token == std::string(43, 'A'));
  CHECK(c.expires_at == sample().expires_at);
  // Lower case, spaces, no dashes; O for 0 and l for 1.
  std::string typed;
  for (char ch : sealed.code) {
    if (ch == '-') continue;
    typed += ch == '0' ? 'o' : ch == '1' ? 'l' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    typed += ' ';
  }
  CHECK(wk::core::open_bundle(sealed.file_text, typed, kNow).token == std::string(43, 'A'));
}

TEST_CASE("Bundle: a wrong code, a changed byte, an expired or broken bundle are refused, each by name", "[bundle]") {
  const auto sealed = wk::core::seal_bundle(sample());
  SECTION("wrong code") {
    std::string other = sealed.code;
    other[0] = other[0] == 'A' ? 'B' : 'A';
    CHECK(refusal(sealed.file_text, other) == Kind::wrong_code);
    CHECK(refusal(sealed.file_text, "too-short") == Kind::wrong_code);
  }
  SECTION("a byte of the seal changed") {
    auto file = nlohmann::json::parse(sealed.file_text);
    std::string s = file["sealed"];
    s[10] = s[10] == 'A' ? 'B' : 'A';
    file["sealed"] = s;
    CHECK(refusal(file.dump(), sealed.code) == Kind::tampered);
  }
  SECTION("the terminal id in the clear changed") {
    auto file = nlohmann::json::parse(sealed.file_text);
    file["terminal_id"] = "berlin-mitte-02";
    CHECK(refusal(file.dump(), sealed.code) == Kind::tampered);
  }
  SECTION("expired") {
    CHECK(refusal(sealed.file_text, sealed.code, kNow + std::chrono::hours(24 * 8)) == Kind::expired);
  }
  SECTION("broken") {
    CHECK(refusal("", sealed.code) == Kind::broken);
    CHECK(refusal(sealed.file_text.substr(0, sealed.file_text.size() / 2), sealed.code) == Kind::broken);
    CHECK(refusal(R"({"format": "welcome-kiosk-provisioning/9"})", sealed.code) == Kind::broken);
  }
}

TEST_CASE("Bundle: nothing unusable is sealed", "[bundle]") {
  BundleContents c = sample();
  c.hub_url = "http://hub.example.org";
  CHECK_THROWS_AS(wk::core::seal_bundle(c), std::invalid_argument);
  c = sample();
  c.token = "short";
  CHECK_THROWS_AS(wk::core::seal_bundle(c), std::invalid_argument);
  c = sample();
  c.pinned_keys = {"sha1//x"};
  CHECK_THROWS_AS(wk::core::seal_bundle(c), std::invalid_argument);
  c = sample();
  c.terminal_id = "bad id";
  CHECK_THROWS_AS(wk::core::seal_bundle(c), std::invalid_argument);
}
