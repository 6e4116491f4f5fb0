// welcome-hub: the reference central server of the Welcome Kiosk (see cli.hpp).
#include "sync/hub/cli.hpp"

int main(int argc, char** argv) {
  return wk::hub::run_cli(argc, argv);
}
