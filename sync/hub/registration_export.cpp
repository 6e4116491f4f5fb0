// The registration export (see registration_export.hpp): streaming one registration at a time
// so that memory does not grow with the number of registrations, and the atomic file write.
#include "sync/hub/registration_export.hpp"

#include "kiosk/core/time.hpp"
#include "sync/hub/registration_sheet.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace wk::hub {
namespace {

using nlohmann::json;

std::string record(const ReceivedRegistration& r) {
  const json j = {{"terminal_id", r.terminal_id},
                  {"change_id", r.change_id},
                  {"received_at", r.received_at},
                  {"payload", r.payload},
                  {"kuemmerer_id", r.kuemmerer_id.empty() ? json(nullptr) : json(r.kuemmerer_id)},
                  {"kuemmerer_reason", r.kuemmerer_reason}};
  return escape_hidden_characters(j.dump());
}

// Decodes one UTF-8 sequence at `i` (well-formed input assumed: what nlohmann wrote or the
// schema accepted); returns its code point and length, or (byte, 1) for a stray byte.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return {b, 1};
  char32_t cp = b & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  return {cp, len};
}

// Characters that act (controls) or hide the order of text (bidi controls, BOM).
bool hidden(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

std::string hex4(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
  return buf;
}

// One CSV row (RFC 4180: every cell quoted, quotes doubled, CRLF).
void csv_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string quoted = "\"";
    for (char c : csv_cell(cells[i])) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out << (i ? "," : "") << quoted << '"';
  }
  out << "\r\n";
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

}  // namespace

std::string csv_cell(std::string_view cell) {
  std::string out;
  if (!cell.empty() &&
      (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r'))
    out += '\'';
  for (std::size_t i = 0; i < cell.size();) {
    const auto [cp, len] = decode(cell, i);
    if (hidden(cp))
      out += "<U+" + hex4(cp) + ">";
    else
      out.append(cell.substr(i, len));
    i += len;
  }
  return out;
}

std::string escape_hidden_characters(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (std::size_t i = 0; i < json_text.size();) {
    const auto [cp, len] = decode(json_text, i);
    // Inside dumped JSON these can only stand in strings, where \uXXXX means the same character.
    if (cp >= 0x7f && hidden(cp))
      out += "\\u" + hex4(cp);
    else
      out.append(json_text.substr(i, len));
    i += len;
  }
  return out;
}

std::int64_t write_registrations(HubStore& store, ExportFormat format, std::ostream& out, std::int64_t* last_seq,
                                 const ExportSelection& selection, std::vector<std::int64_t>* written) {
  if (format == ExportFormat::csv && !selection.words)
    throw std::invalid_argument("the CSV export needs its labels (locales/dashboard)");
  std::int64_t count = 0;
  if (last_seq) *last_seq = 0;
  if (format == ExportFormat::json) {
    out << "{\"exported_at\":" << json(wk::core::utc_now_iso8601()).dump() << ",\"registrations\":[";
  }
  if (format == ExportFormat::csv) {
    out << "\xEF\xBB\xBF";  // a UTF-8 byte order mark: spreadsheets then read the names right
    write_sheet_header(out, *selection.words, selection.header_language);
  }
  store.for_each_registration([&](const ReceivedRegistration& r) {
    if (!selection.since.empty() && r.received_at.substr(0, 10) < selection.since) return;
    if (selection.new_only && !r.exported_at.empty()) return;
    if (format == ExportFormat::json) {
      out << (count == 0 ? "\n" : ",\n") << record(r);
    } else if (format == ExportFormat::ndjson) {
      out << record(r) << '\n';
    } else {
      write_sheet_rows(out, r, *selection.words);
    }
    if (last_seq) *last_seq = r.seq;
    if (written) written->push_back(r.seq);
    ++count;
  });
  if (format == ExportFormat::json) out << (count == 0 ? "]}\n" : "\n]}\n");
  out.flush();
  if (!out) fail("writing the export failed");
  return count;
}

void write_export_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write) {
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
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) fail(file.string() + ": cannot write " + tmp.string());
      write(out);
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
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

std::int64_t export_registrations_to_file(HubStore& store, ExportFormat format, const std::filesystem::path& file,
                                          const ExportSelection& selection) {
  std::int64_t count = 0;
  std::vector<std::int64_t> written;
  write_export_file(file, [&](std::ostream& out) {
    written.clear();
    count = write_registrations(store, format, out, nullptr, selection, &written);
  });
  store.mark_registrations_exported(written);
  return count;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
  csv_row(out, cells);
}

}  // namespace wk::hub
