// The registration export (see registration_export.hpp): streaming one registration at a time
// so that memory does not grow with the number of registrations, and the atomic file write.
#include "sync/hub/registration_export.hpp"

#include "kiosk/core/time.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace wk::hub {
namespace {

using nlohmann::json;

std::string record(const ReceivedRegistration& r) {
  const json j = {{"terminal_id", r.terminal_id},
                  {"change_id", r.change_id},
                  {"received_at", r.received_at},
                  {"payload", r.payload}};
  return j.dump();
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

}  // namespace

std::int64_t write_registrations(HubStore& store, ExportFormat format, std::ostream& out) {
  std::int64_t count = 0;
  if (format == ExportFormat::json) {
    out << "{\"exported_at\":" << json(wk::core::utc_now_iso8601()).dump() << ",\"registrations\":[";
  }
  store.for_each_registration([&](const ReceivedRegistration& r) {
    if (format == ExportFormat::json) {
      out << (count == 0 ? "\n" : ",\n") << record(r);
    } else {
      out << record(r) << '\n';
    }
    ++count;
  });
  if (format == ExportFormat::json) out << (count == 0 ? "]}\n" : "\n]}\n");
  out.flush();
  if (!out) fail("writing the export failed");
  return count;
}

std::int64_t export_registrations_to_file(HubStore& store, ExportFormat format, const std::filesystem::path& file) {
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::string name = ".";
  name += file.filename().string();
  name += ".tmp-XXXXXX";
  std::string pattern = (dir / name).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    const int err = errno;
    fail(file.string() + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(err));
  }
  ::close(fd);  // mkstemp creates it with mode 0600
  const std::filesystem::path tmp = pattern;
  try {
    std::int64_t count = 0;
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) fail(file.string() + ": cannot write " + tmp.string());
      count = write_registrations(store, format, out);
      out.close();
      if (!out) fail(file.string() + ": writing failed (disk full?)");
    }
    const int sync_fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (sync_fd < 0 || ::fsync(sync_fd) != 0) {
      const int err = errno;
      if (sync_fd >= 0) ::close(sync_fd);
      fail(file.string() + ": cannot flush to disk: " + std::strerror(err));
    }
    ::close(sync_fd);
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
      const int err = errno;
      fail(file.string() + ": cannot replace: " + std::strerror(err));
    }
    if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
    return count;
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

}  // namespace wk::hub
