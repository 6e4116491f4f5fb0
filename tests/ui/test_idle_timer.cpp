// Tests for kiosk/ui/idle_timer: the phases at their boundaries, the
// countdown's whole seconds, and when the UI loop has to wake up next.
#include "kiosk/ui/idle_timer.hpp"

#include <catch2/catch.hpp>

using wk::ui::IdleTimer;
using Phase = IdleTimer::Phase;

TEST_CASE("IdleTimer phases switch exactly at timeout and timeout + warning", "[idle]") {
  IdleTimer t(60, 20);
  t.touch(100);
  CHECK(t.phase(100) == Phase::active);
  CHECK(t.phase(159.99) == Phase::active);
  CHECK(t.phase(160) == Phase::warning);
  CHECK(t.phase(179.99) == Phase::warning);
  CHECK(t.phase(180) == Phase::expired);
  CHECK(t.phase(1000) == Phase::expired);
}

TEST_CASE("IdleTimer starts counting from 0 before the first touch", "[idle]") {
  IdleTimer t(10, 20);
  CHECK(t.phase(0) == Phase::active);
  CHECK(t.phase(9.5) == Phase::active);
  CHECK(t.phase(10) == Phase::warning);
  CHECK(t.phase(30) == Phase::expired);
}

TEST_CASE("IdleTimer::seconds_left rounds up to whole seconds", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(0);
  CHECK(t.seconds_left(0) == 30);
  CHECK(t.seconds_left(10) == 20);    // the warning starts with the full count
  CHECK(t.seconds_left(10.5) == 20);  // 19.5 left shows 20
  CHECK(t.seconds_left(11) == 19);
  CHECK(t.seconds_left(11.25) == 19);  // 18.75 -> 19
  CHECK(t.seconds_left(28.5) == 2);
  CHECK(t.seconds_left(29) == 1);
  CHECK(t.seconds_left(29.5) == 1);  // half a second left still shows 1, never 0 while warning
  CHECK(t.seconds_left(29.9) == 1);
  CHECK(t.seconds_left(30) == 0);
  CHECK(t.seconds_left(45) == 0);
}

TEST_CASE("IdleTimer::next_change in the active phase is the timeout moment", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(5);
  CHECK(t.next_change(5) == Approx(15.0));
  CHECK(t.next_change(12.25) == Approx(15.0));
  CHECK(t.phase(t.next_change(12.25)) == Phase::warning);
}

TEST_CASE("IdleTimer::next_change in the warning is the next whole-second boundary", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(0);
  CHECK(t.next_change(10) == Approx(11.0));  // exactly on a boundary: one second later
  CHECK(t.next_change(10.5) == Approx(11.0));
  CHECK(t.next_change(10.75) == Approx(11.0));
  CHECK(t.next_change(28.25) == Approx(29.0));
  CHECK(t.next_change(29.5) == Approx(30.0));  // the last second ends at expiry
  // The countdown shown actually changes there.
  const double now = 12.5;
  const double next = t.next_change(now);
  CHECK(t.seconds_left(next) == t.seconds_left(now) - 1);
  CHECK(t.seconds_left(next - 0.01) == t.seconds_left(now));
}

TEST_CASE("IdleTimer::next_change when expired is now", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(0);
  CHECK(t.next_change(30) == Approx(30.0));
  CHECK(t.next_change(42.5) == Approx(42.5));
}

TEST_CASE("IdleTimer::touch resets phase, countdown and wake-up time", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(0);
  REQUIRE(t.phase(25) == Phase::warning);
  t.touch(25);
  CHECK(t.phase(25) == Phase::active);
  CHECK(t.phase(34.9) == Phase::active);
  CHECK(t.phase(35) == Phase::warning);
  CHECK(t.seconds_left(25) == 30);
  CHECK(t.next_change(26) == Approx(35.0));
  // Touch after expiry brings it back as well.
  REQUIRE(t.phase(100) == Phase::expired);
  t.touch(100);
  CHECK(t.phase(100) == Phase::active);
  CHECK(t.next_change(100) == Approx(110.0));
}

TEST_CASE("IdleTimer with a zero warning goes straight from active to expired", "[idle]") {
  IdleTimer t(10, 0);
  t.touch(0);
  CHECK(t.phase(9.99) == Phase::active);
  CHECK(t.phase(10) == Phase::expired);
  CHECK(t.seconds_left(10) == 0);
  CHECK(t.next_change(10) == Approx(10.0));
}

// idle_timer.hpp: seconds_left is "rounded up", but it adds 0.999 and
// truncates, so with less than 1 ms left it shows 0 while the warning is
// still up (and 19 instead of 20 with 19.0005 s left).
TEST_CASE("IdleTimer::seconds_left is a true ceiling during the warning", "[idle]") {
  IdleTimer t(10, 20);
  t.touch(0);
  REQUIRE(t.phase(29.9995) == Phase::warning);
  CHECK(t.seconds_left(29.9995) == 1);
  CHECK(t.seconds_left(10.9995) == 20);
}
