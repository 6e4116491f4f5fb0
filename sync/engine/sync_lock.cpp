// flock-based exclusion between sync runs (see sync_lock.hpp).
#include "sync/engine/sync_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <thread>
#include <utility>

namespace wk::sync {

std::optional<SyncLock> SyncLock::acquire(const std::filesystem::path& file, std::chrono::milliseconds wait) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open sync lock " + file.string());
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    // flock locks belong to the open file description, so two descriptors in one process
    // exclude each other just like two processes do.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return SyncLock(fd);
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int err = errno;
      ::close(fd);
      throw std::system_error(err, std::generic_category(), "cannot lock " + file.string());
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

SyncLock::SyncLock(SyncLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SyncLock& SyncLock::operator=(SyncLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

SyncLock::~SyncLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace wk::sync
