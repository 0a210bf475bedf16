#pragma once

#include <QImage>
#include <QString>

namespace confab::ui {

// `text` as a QR code (byte mode, error correction M: a smudged or glossy
// screen still reads), black modules on white with the four-module quiet
// zone readers need, each module `moduleSize` pixels square. A null image
// when the text does not fit in a QR code.
[[nodiscard]] QImage qrCodeImage(const QString& text, int moduleSize);

} // namespace confab::ui
