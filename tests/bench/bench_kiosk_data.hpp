// The kiosk's own data from the source tree (languages table, messages,
// config/kiosk.json) for the benchmarks that drive a Shell in-process.
#pragma once

#include <filesystem>
#include <iostream>
#include <memory>

#include "kiosk/core/config.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "tests/support/paths.hpp"

namespace wk::bench {

struct KioskData {
  text::LanguageTable table;
  text::MessageCatalog messages;
  core::Config config;
};

// Loads the source tree's data; on failure prints "PROG: cannot load ..." and
// returns null. On the heap and never moved: the catalog refers to the table.
inline std::unique_ptr<KioskData> load_kiosk_data(const char* prog) {
  const std::filesystem::path src = wk::test::source_dir();
  try {
    auto d = std::make_unique<KioskData>();
    d->table = text::LanguageTable::load(src / "locales" / "languages.json");
    d->messages = text::MessageCatalog::load(d->table, src / "locales");
    d->config = core::load_config(src / "config" / "kiosk.json", d->table.codes());
    return d;
  } catch (const std::exception& e) {
    std::cerr << prog << ": cannot load the kiosk's data from " << src << ": " << e.what() << "\n";
    return nullptr;
  }
}

}  // namespace wk::bench
