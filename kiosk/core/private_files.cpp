// Private directories and files, and the read-only database check.
#include "kiosk/core/private_files.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/log.hpp"

namespace wk::core {

namespace fs = std::filesystem;

void create_private_directories(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  create_private_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    const int err = errno;
    throw PrivateFileError("cannot create directory " + dir.string() + ": " + std::strerror(err));
  }
}

bool create_private_file(const fs::path& file, std::string_view log_component) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    log::info(log_component, "created database file " + file.string());
    return true;
  }
  if (errno == EEXIST) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 0077) != 0) {
      log::warn(log_component, file.string() + " is readable by other users; it should be mode 0600");
    }
    return false;
  }
  const int err = errno;
  throw PrivateFileError("cannot create " + file.string() + ": " + std::strerror(err));
}

DatabaseCheck check_database(Database& db) {
  DatabaseCheck out;
  using R = DatabaseCheck::Result;
  try {
    Statement st = db.prepare("SELECT count(*) FROM sqlite_master");
    st.step();
    out.objects = st.column_int64(0);
  } catch (const SqliteError& e) {
    const int primary = e.primary_code();
    const bool damaged = primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT || primary == SQLITE_FORMAT;
    out.result = damaged ? R::not_sqlite : R::unreadable;
    out.detail = damaged ? sqlite3_errstr(primary) : e.what();
    return out;
  }
  std::string verdict;
  try {
    Statement st = db.prepare("PRAGMA quick_check(1)");
    if (st.step()) verdict = st.column_text(0);
  } catch (const SqliteError& e) {
    const int primary = e.primary_code();
    out.result = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? R::failed_check : R::check_error;
    out.detail = out.result == R::failed_check ? sqlite3_errstr(primary) : e.what();
    return out;
  }
  if (verdict != "ok") {
    out.result = R::failed_check;
    out.detail = "integrity check failed: " + verdict.substr(0, 200);
  }
  return out;
}

namespace {

// Writes all of `contents` to `fd` and syncs it; false with errno set on failure.
bool write_all(int fd, std::string_view contents) {
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

}  // namespace

void write_new_file(const fs::path& file, std::string_view contents, unsigned mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) throw PrivateFileError("cannot create " + file.string() + ": " + std::strerror(errno));
  ::fchmod(fd, static_cast<mode_t>(mode));
  const bool ok = write_all(fd, contents);
  const int saved = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(file.c_str());
    throw PrivateFileError("cannot write " + file.string() + ": " + std::strerror(saved));
  }
}

void replace_file(const fs::path& file, std::string_view contents, unsigned mode) {
  const fs::path temp = file.parent_path() / ("." + file.filename().string() + ".new");
  ::unlink(temp.c_str());
  write_new_file(temp, contents, mode);
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    throw PrivateFileError("cannot replace " + file.string() + ": " + std::strerror(saved));
  }
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace wk::core
