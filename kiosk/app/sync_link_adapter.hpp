// Connects the UI's SyncLink to the sync worker: the worker's status becomes the indicator the
// screens draw, and the UI's nudge reaches the worker. Header-only glue for main.cpp.
#pragma once

#include "kiosk/core/time.hpp"
#include "kiosk/ui/sync_link.hpp"
#include "sync/engine/sync_worker.hpp"

#include <chrono>

namespace wk::app {

class SyncLinkAdapter : public ui::SyncLink {
 public:
  explicit SyncLinkAdapter(sync::SyncWorker& worker) : worker_(worker) {}

  ui::SyncIndicator indicator() const override {
    using S = sync::SyncStatus::State;
    using I = ui::SyncIndicator::State;
    const sync::SyncStatus s = worker_.status();
    ui::SyncIndicator out;
    switch (s.state) {
      case S::starting:
        out.state = I::starting;
        break;
      case S::syncing:
        out.state = I::syncing;
        break;
      case S::online:
        out.state = I::online;
        break;
      case S::offline:
        out.state = I::offline;
        break;
      case S::unauthorized:
        out.state = I::locked;
        break;
      case S::error:
        out.state = I::error;
        break;
    }
    if (const auto tp = core::from_iso8601(s.last_success_at)) {
      out.last_success_ms =
          static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(tp->time_since_epoch()).count());
    }
    out.catalog_generation = s.catalog_generation;
    out.progress = worker_.progress();
    return out;
  }

  void nudge() override { worker_.nudge(); }

 private:
  sync::SyncWorker& worker_;
};

}  // namespace wk::app
