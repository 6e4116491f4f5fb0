// Tests for kiosk/core/qr_code: the matrix libqrencode makes for a receipt.
#include "kiosk/core/qr_code.hpp"

#include <catch2/catch.hpp>

#include <string>

using wk::core::encode_qr;
using wk::core::QrError;

TEST_CASE("encode_qr: a registration code fits a version 1 symbol with its finder patterns", "[qr]") {
  const auto m = encode_qr("K7QM-4XRT-9");
  REQUIRE(m.size == 21);
  REQUIRE(m.dark.size() == 21u * 21u);
  // The three finder patterns: dark outer ring, light ring, dark 3x3 core.
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{14, 0}, std::pair{0, 14}}) {
    INFO("finder at " << ox << "," << oy);
    CHECK(m.at(ox, oy));
    CHECK(m.at(ox + 6, oy + 6));
    CHECK_FALSE(m.at(ox + 1, oy + 1));
    CHECK_FALSE(m.at(ox + 5, oy + 1));
    CHECK(m.at(ox + 3, oy + 3));
    CHECK(m.at(ox + 2, oy + 4));
  }
  // Timing pattern between the top finders alternates.
  for (int x = 8; x <= 12; ++x) CHECK(m.at(x, 6) == (x % 2 == 0));
}

TEST_CASE("encode_qr: deterministic, and different texts give different symbols", "[qr]") {
  CHECK(encode_qr("K7QM-4XRT-9").dark == encode_qr("K7QM-4XRT-9").dark);
  CHECK(encode_qr("K7QM-4XRT-9").dark != encode_qr("K7QM-4XRT-8").dark);
  CHECK(encode_qr(std::string(100, 'A')).size > 21);  // longer text, larger version
}

TEST_CASE("encode_qr: empty or oversized text is refused with a clear error", "[qr]") {
  CHECK_THROWS_AS(encode_qr(""), QrError);
  CHECK_THROWS_WITH(encode_qr(std::string(5000, 'x')), Catch::Contains("too long"));
}
