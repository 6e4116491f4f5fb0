// QR codes for receipts (the registration code a newcomer takes away), encoded
// with libqrencode. Only the module matrix lives here; kiosk/ui draws it.
#pragma once

#include <stdexcept>
#include <string_view>
#include <vector>

namespace wk::core {

struct QrMatrix {
  int size = 0;            // modules per side (21 for version 1)
  std::vector<bool> dark;  // size * size, row by row; true = dark module
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

class QrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Encodes `text` (8-bit mode, error correction level M, smallest version that
// fits). Throws QrError when `text` is empty or too long for a QR code.
QrMatrix encode_qr(std::string_view text);

}  // namespace wk::core
