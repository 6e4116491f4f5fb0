// QR encoding with libqrencode's QRcode_encodeData.
#include "kiosk/core/qr_code.hpp"

#include <qrencode.h>

#include <memory>

namespace wk::core {

QrMatrix encode_qr(std::string_view text) {
  if (text.empty()) throw QrError("QR code: nothing to encode");
  if (text.size() > 2048) throw QrError("QR code: text too long");
  struct Free {
    void operator()(QRcode* q) const { QRcode_free(q); }
  };
  std::unique_ptr<QRcode, Free> q(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!q) throw QrError("QR code: the text cannot be encoded");
  QrMatrix m;
  m.size = q->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (q->data[i] & 1) != 0;
  return m;
}

}  // namespace wk::core
