// A welcome-hub server as a child process, so tests can SIGKILL it mid-request and start it
// again on the same database: `welcome-hub --db DB serve --cert C --key K --listen 127.0.0.1:0`.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk::sync::test {

class HubProcess {
 public:
  HubProcess(std::string binary, std::filesystem::path db, std::filesystem::path cert, std::filesystem::path key)
      : binary_(std::move(binary)), db_(std::move(db)), cert_(std::move(cert)), key_(std::move(key)) {}
  ~HubProcess() { kill(); }
  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;

  // Starts the hub and waits for its "listening on" line; returns the port. Throws if the
  // hub exits or says nothing useful.
  int start() {
    // Everything the child needs is built before fork(): in a multi-threaded parent the child
    // may only make async-signal-safe calls (another thread may hold the allocator's lock).
    const std::string db = db_.string(), cert = cert_.string(), key = key_.string();
    const std::vector<const char*> argv{binary_.c_str(), "--db",  db.c_str(),  "serve",    "--cert",
                                        cert.c_str(),    "--key", key.c_str(), "--listen", "127.0.0.1:0",
                                        "--threads",     "4",     nullptr};
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);  // the copy does not inherit O_CLOEXEC
      ::execv(argv[0], const_cast<char* const*>(argv.data()));
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    char c = 0;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(fds[0]);
    const auto at = line.rfind(':');
    if (line.find("listening on https://") == std::string::npos || at == std::string::npos) {
      kill();
      throw std::runtime_error("welcome-hub did not start: \"" + line + "\"");
    }
    port_ = std::stoi(line.substr(at + 1));
    return port_;
  }

  // SIGKILL: no clean shutdown, whatever it was doing.
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }

 private:
  std::string binary_;
  std::filesystem::path db_, cert_, key_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace wk::sync::test
