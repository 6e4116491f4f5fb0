// The hub's word on the Kümmerer of each registration (issue 23).
//
// When a registration arrives, the terminal's choice (payload.kuemmerer_id) stands unless the
// terminal chose none ("none": its directory held no Kümmerer), the hub's directory no longer
// holds that person as a Kümmerer ("left") or they already have as many registrations as their
// capacity ("full"); then the hub chooses again with the terminal's
// own rule (kiosk/core/kuemmerer.hpp) over the loads it sees across all terminals. A hub whose
// directory holds no Kümmerer at all has nothing to judge by and keeps the terminal's choice.
// Operators reassign by hand (`welcome-hub kuemmerer assign`).
//
// Every decision that differs from what the registering terminal holds gets a version on the
// catalog counter and goes back to that terminal with its next pull (PROTOCOL.md "Kümmerer").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/database.hpp"
#include "kiosk/core/directory.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/registration_payload.hpp"

namespace wk::hub {

// Hub schema version 7: the final assignment beside the payload (which keeps the terminal's
// proposal as it was sent).
//   kuemmerer_id       the Kümmerer now; NULL: none
//   kuemmerer_reason   proposed | none | left | full | operator
//   kuemmerer_version  on the catalog counter when it differs from what the terminal holds
extern const std::string_view kKuemmererSchema;

// The hub's directory as the choice reads it, re-read when an organisation or contact person
// item changed. Not thread-safe: the store's lock guards it.
class KuemmererDirectory {
 public:
  struct Loaded {
    explicit Loaded(wk::core::Directory d);
    wk::core::Directory directory;
    wk::core::KuemmererPool pool;  // refers into `directory`
    std::vector<std::string> municipalities;
  };
  KuemmererDirectory();
  ~KuemmererDirectory();
  // The directory as of now (one query to see whether it changed). Valid until the next call.
  const Loaded& current(wk::core::Database& db);

 private:
  std::unique_ptr<Loaded> loaded_;
  std::string fingerprint_;
};

struct KuemmererDecision {
  std::string id;      // "" : none
  std::string reason;  // proposed | none | left | full
};

// The decision for registration `r` arriving now (before it is stored).
KuemmererDecision decide_kuemmerer(wk::core::Database& db, KuemmererDirectory& directory,
                                   const wk::sync::StoredRegistration& r);

// Records `decision` for the stored registration `registration_id`, whose terminal proposed
// `proposed`; a decision other than the proposal is versioned for the terminal's pull.
void record_kuemmerer(wk::core::Database& db, std::string_view registration_id, std::string_view proposed,
                      const KuemmererDecision& decision);

// What `welcome-hub kuemmerer assign` changed.
struct Reassignment {
  std::string registration_id, code, from, to;
};

// The operator's reassignment of the registration with id or code `which` to the Kümmerer
// `kuemmerer_id` (a contact person with a capacity in the hub's directory). Throws
// std::invalid_argument naming what is wrong (unknown registration, not a Kümmerer).
Reassignment reassign_kuemmerer(wk::core::Database& db, KuemmererDirectory& directory, std::string_view which,
                                std::string_view kuemmerer_id);

// The Kümmerer decisions for registrations of `terminal_id` versioned after `after`, in
// version order, at most `limit`.
std::vector<wk::sync::KuemmererState> kuemmerer_states_since(wk::core::Database& db, std::string_view terminal_id,
                                                             std::int64_t after, int limit);

}  // namespace wk::hub
