// The single Catch2 main for every unit-test program. A run whose filter matches no test case
// fails: ctest runs each test case by name, and a name Catch cannot match (CMake splits names
// at ';') must not pass as if it had run.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  if (const int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
  auto& config = session.configData();
  config.warnings = static_cast<Catch::WarnAbout::What>(config.warnings | Catch::WarnAbout::NoTests);
  return session.run();
}
