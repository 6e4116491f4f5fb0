// Where the tests and benchmarks find the source tree and the programs they drive. Fixed
// at configure time in one small object file (paths.cpp), so that the clone's location
// reaches no other object file and ccache shares those across clones.
#pragma once

#include <filesystem>

namespace wk::test {

// The project's source tree: locales/, config/, tests/sync/corpus, ...
std::filesystem::path source_dir();

// The built welcome-hub, welcome-kiosk and welcome-sync programs of this build tree.
std::filesystem::path hub_program();
std::filesystem::path kiosk_program();
std::filesystem::path sync_program();

}  // namespace wk::test
