// Tests for kiosk/text/list_format: values of one kind joined as each language lists them.
#include "kiosk/text/list_format.hpp"

#include <catch2/catch.hpp>

using wk::text::join_list;

TEST_CASE("join_list joins with the language's own list pattern and leaves out empty items", "[list]") {
  CHECK(join_list("en-GB", {"School place", "", "Language course"}) == "School place and Language course");
  CHECK(join_list("de-DE", {"a", "b", "c"}) == "a, b und c");
  CHECK(join_list("uk-UA", {"a", "b"}) == "a і b");
  // Chinese lists with its own comma and "and": never run together ("ab").
  CHECK(join_list("zh-Hans-CN", {"a", "b", "c"}) == "a\u3001b\u548cc");
  CHECK(join_list("en", {"only"}) == "only");
  CHECK(join_list("en", {"", ""}).empty());
  // A locale ICU does not know still gets a list (the root pattern), never an exception.
  CHECK_FALSE(join_list("xx-unknown", {"a", "b"}).empty());
}
