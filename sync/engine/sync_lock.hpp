// One sync at a time per terminal database: the kiosk's worker and welcome-sync (the nightly
// service) take an exclusive flock(2) on a lock file next to the database before they talk to
// the hub. The kernel drops the lock when its holder dies, so a killed process never leaves
// the terminal locked.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

namespace wk::sync {

class SyncLock {
 public:
  // Tries to take the lock on `file` (created 0600 if missing) for up to `wait` (0: one try).
  // Returns nullopt if another process or thread still holds it then. Throws
  // std::system_error if the file cannot be opened.
  static std::optional<SyncLock> acquire(const std::filesystem::path& file, std::chrono::milliseconds wait);

  SyncLock(SyncLock&& other) noexcept;
  SyncLock& operator=(SyncLock&& other) noexcept;
  SyncLock(const SyncLock&) = delete;
  SyncLock& operator=(const SyncLock&) = delete;
  ~SyncLock();  // releases

 private:
  explicit SyncLock(int fd) noexcept : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wk::sync
