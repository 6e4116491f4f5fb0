// welcome-hub's command line: parsing it and running one command (serve, terminal, import,
// export). Every bad command line is refused before the database is opened, so it changes
// nothing; every failure answers with one clear line on stderr.
//
// Exit codes: 0 success, 1 failure (message names the file, line and problem), 2 usage error
// (message names the option or argument).
#pragma once

namespace wk::hub {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs `welcome-hub` with the process's arguments; output goes to stdout/stderr. `serve`
// returns only after SIGTERM or SIGINT.
int run_cli(int argc, char** argv);

}  // namespace wk::hub
