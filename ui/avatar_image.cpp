#include "avatar_image.h"

#include "api/node_types.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>

#include <algorithm>

namespace confab::ui {

namespace {

// Photos are read already scaled down to about this many pixels on their
// short side where the format allows it (JPEG does it while decoding): a
// phone's photo then takes milliseconds, and the square made from it is
// still sharp.
constexpr int kReadShortSide = 4 * api::kAvatarSidePixels;
// Beyond this, a picked file is refused rather than read (Qt's own limit
// would stop it too, with a message a person would not understand).
constexpr qint64 kMaxPickedPixels = qint64{20000} * 20000;
// Decoding a peer's picture may take this much memory at most, in MiB: a
// kMaxDecodedSide square needs one.
constexpr int kDecodeAllocationMiB = 4;
// JPEG qualities tried in turn, best first, until the picture fits.
constexpr int kJpegQualities[] = {90, 80, 70, 60, 50, 40, 30, 20, 10};

QByteArray encode(const QImage& image, const char* format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (!writer.write(image)) {
        return {};
    }
    return bytes;
}

// A copy with nothing of the original but its pixels: QImage carries the
// source's text entries (EXIF descriptions, PNG comments) through scaling,
// and the writers would send them to every peer.
QImage withoutMetadata(const QImage& image)
{
    return QImage(image.constBits(), image.width(), image.height(), image.bytesPerLine(), image.format())
        .copy();
}

// The end a file of the kind has when it is whole. A JPEG reader fills a
// picture that was cut short with grey rather than failing, so the end is
// checked before it is read.
bool looksWhole(const QByteArray& bytes, const QByteArray& format)
{
    if (format == "png") {
        static const QByteArray end = QByteArray::fromHex("0000000049454e44ae426082"); // the IEND chunk
        return bytes.endsWith(end);
    }
    return bytes.endsWith(QByteArray::fromHex("ffd9"));
}

// "png" or "jpeg" from the file's signature, as the node checked it; empty otherwise.
QByteArray formatOf(const QByteArray& bytes)
{
    if (bytes.startsWith(QByteArray::fromHex("89504e470d0a1a0a"))) {
        return "png";
    }
    if (bytes.startsWith(QByteArray::fromHex("ffd8ff"))) {
        return "jpeg";
    }
    return {};
}

} // namespace

Result<QByteArray, QString> AvatarImage::fromFile(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    QImageReader reader(path);
    // As the camera was held: a phone stores a portrait photo lying on its
    // side, with a note saying which way is up.
    reader.setAutoTransform(true);
    const QSize stored = reader.size();
    if (stored.isValid()) {
        if (qint64{stored.width()} * stored.height() > kMaxPickedPixels) {
            return tr("“%1” is too large (%2 × %3 pixels). Choose a smaller picture.")
                .arg(name)
                .arg(stored.width())
                .arg(stored.height());
        }
        const int shortSide = std::min(stored.width(), stored.height());
        if (shortSide > kReadShortSide) {
            reader.setScaledSize(stored * (static_cast<double>(kReadShortSide) / shortSide));
        }
    }
    const QImage image = reader.read();
    if (image.isNull()) {
        switch (reader.error()) {
        case QImageReader::FileNotFoundError:
            return tr("“%1” could not be opened. Check that it is still there and that you may read it.")
                .arg(name);
        case QImageReader::UnsupportedFormatError:
            return tr("“%1” is not a picture. Choose a photo or an image file, such as PNG or JPEG.")
                .arg(name);
        default:
            return tr("“%1” could not be read as a picture; it may be damaged. Choose another one.")
                .arg(name);
        }
    }
    return fromImage(image);
}

Result<QByteArray, QString> AvatarImage::fromImage(const QImage& image)
{
    const int side = std::min(image.width(), image.height());
    if (side <= 0) {
        return tr("The picture is empty. Choose another one.");
    }
    // The middle square: a face is seldom at the edge of a photo.
    const QRect middle((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    const QImage square = image.copy(middle).scaled(api::kAvatarSidePixels, api::kAvatarSidePixels,
                                                    Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const bool transparent = square.hasAlphaChannel();
    const QImage pixels =
        withoutMetadata(square.convertToFormat(transparent ? QImage::Format_ARGB32 : QImage::Format_RGB32));

    // PNG keeps drawings and logos crisp (and transparent); photos are what
    // JPEG is for, and seldom fit as PNG.
    if (const QByteArray png = encode(pixels, "png", -1);
        !png.isEmpty() && png.size() <= api::kMaxAvatarBytes) {
        return png;
    }
    // JPEG has no transparency: what was see-through becomes white, as on a page.
    QImage opaque(pixels.size(), QImage::Format_RGB32);
    opaque.fill(Qt::white);
    {
        QPainter painter(&opaque);
        painter.drawImage(0, 0, pixels);
    }
    for (const int quality : kJpegQualities) {
        if (const QByteArray jpeg = encode(opaque, "jpeg", quality);
            !jpeg.isEmpty() && jpeg.size() <= api::kMaxAvatarBytes) {
            return jpeg;
        }
    }
    return tr("The picture could not be made small enough to send. Choose another one.");
}

QImage AvatarImage::decode(const QByteArray& bytes)
{
    const QByteArray format = formatOf(bytes);
    if (format.isEmpty() || bytes.size() > api::kMaxAvatarBytes || !looksWhole(bytes, format)) {
        return {};
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    // Only the reader for the kind the bytes claim: no other plugin gets to
    // guess at what a peer sent.
    QImageReader reader(&buffer, format);
    reader.setAutoDetectImageFormat(false);
    reader.setAllocationLimit(kDecodeAllocationMiB);
    // The size the header declares, before any pixel is read.
    const QSize declared = reader.size();
    if (!declared.isValid() || declared.isEmpty() || declared.width() > kMaxDecodedSide ||
        declared.height() > kMaxDecodedSide) {
        return {};
    }
    QImage image = reader.read();
    if (image.isNull() || image.width() > kMaxDecodedSide || image.height() > kMaxDecodedSide) {
        return {};
    }
    return image;
}

} // namespace confab::ui
