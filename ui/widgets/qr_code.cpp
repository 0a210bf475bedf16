#include "qr_code.h"

#include <QPainter>
#include <qrencode.h>

#include <memory>

namespace confab::ui {
namespace {

constexpr int kQuietZoneModules = 4;

struct QrCodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

} // namespace

QImage qrCodeImage(const QString& text, int moduleSize)
{
    const QByteArray bytes = text.toUtf8();
    // Version 0: the smallest symbol the text fits in.
    const std::unique_ptr<QRcode, QrCodeFree> code(
        QRcode_encodeData(static_cast<int>(bytes.size()),
                          reinterpret_cast<const unsigned char*>(bytes.constData()), 0, QR_ECLEVEL_M));
    if (!code || moduleSize < 1) {
        return {};
    }
    const int modules = code->width + 2 * kQuietZoneModules;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            // Bit 0 of each byte: the module is dark.
            if ((code->data[y * code->width + x] & 1U) != 0) {
                painter.fillRect((x + kQuietZoneModules) * moduleSize, (y + kQuietZoneModules) * moduleSize,
                                 moduleSize, moduleSize, Qt::black);
            }
        }
    }
    return image;
}

} // namespace confab::ui
