// See terminal_check.hpp.
#include "kiosk/app/terminal_check.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace wk::app {
namespace {

std::string user_name(uid_t uid) {
  if (const passwd* pw = getpwuid(uid)) return pw->pw_name;
  return std::to_string(uid);
}

std::string me() {
  return user_name(geteuid());
}

// Owned by someone else: the fix is the owner, not a new file.
std::string owner_fix(const std::string& file, const struct stat& st, const std::string& otherwise) {
  if (st.st_uid != geteuid()) return "it belongs to " + user_name(st.st_uid) + ": chown " + me() + " " + file;
  return otherwise;
}

void check_data_dir(const std::filesystem::path& dir, std::vector<TerminalProblem>& out) {
  const std::string d = dir.string();
  struct stat st {};
  if (stat(d.c_str(), &st) != 0) {
    out.push_back({d, std::string("data_dir cannot be found (") + std::strerror(errno) + ")",
                   "create it for the kiosk's user: install -d -m 0700 -o " + me() + " " + d});
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    out.push_back({d, "data_dir is not a directory", "point data_dir at a directory"});
    return;
  }
  if (access(d.c_str(), W_OK | X_OK) != 0)
    out.push_back({d, "data_dir is not writable by " + me(), owner_fix(d, st, "chmod u+rwx " + d)});
}

void check_ca(const std::filesystem::path& file, std::vector<TerminalProblem>& out) {
  const std::string f = file.string();
  std::unique_ptr<FILE, decltype(&std::fclose)> in(std::fopen(f.c_str(), "rb"), &std::fclose);
  if (!in) {
    const int err = errno;
    struct stat st {};
    const bool exists = stat(f.c_str(), &st) == 0;
    out.push_back({f, std::string("hub.ca_file cannot be read (") + std::strerror(err) + ")",
                   exists ? owner_fix(f, st, "chmod u+r " + f) : "copy the hub's CA certificate (PEM) there"});
    return;
  }
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_X509(in.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) {
    out.push_back({f, "hub.ca_file holds no PEM certificate", "copy the hub's CA certificate (PEM) there"});
    return;
  }
  if (X509_check_ca(cert.get()) < 1)
    out.push_back({f, "hub.ca_file is a certificate but not a CA's (no basicConstraints CA:TRUE)",
                   "use the CA that signed the hub's certificate, not the hub's certificate itself"});
}

void check_token(const std::filesystem::path& file, std::vector<TerminalProblem>& out) {
  const std::string f = file.string();
  struct stat st {};
  if (stat(f.c_str(), &st) != 0) {
    out.push_back({f, std::string("hub.token_file cannot be found (") + std::strerror(errno) + ")",
                   "enrol the terminal: `welcome-hub terminal add ID` on the hub, then store the token there "
                   "with mode 0600"});
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    out.push_back({f, "hub.token_file is not a file", "store the token in a file there"});
    return;
  }
  if ((st.st_mode & 077) != 0)
    out.push_back({f,
                   "hub.token_file can be read by others than its owner (mode 0" +
                       std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
                       std::to_string(st.st_mode & 7) + ")",
                   "chmod 600 " + f});
  if (access(f.c_str(), R_OK) != 0)
    out.push_back({f, "hub.token_file is not readable by " + me(), owner_fix(f, st, "chmod u+r " + f)});
}

}  // namespace

std::vector<TerminalProblem> check_terminal(const core::Config& config) {
  std::vector<TerminalProblem> out;
  check_data_dir(config.data_dir, out);
  if (config.hub) {
    check_ca(config.hub->ca_file, out);
    check_token(config.hub->token_file, out);
  }
  return out;
}

}  // namespace wk::app
