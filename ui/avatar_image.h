#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QString>

namespace confab::ui {

// Pictures as they travel: the one the user picks, made small enough for
// peers (api::kMaxAvatarBytes), and the ones peers send, which are read
// with limits because a peer may send anything that starts like a PNG or a
// JPEG.
class AvatarImage {
    Q_DECLARE_TR_FUNCTIONS(AvatarImage)
public:
    // The largest picture a peer's bytes may declare, per side. Ours are
    // api::kAvatarSidePixels; other front ends may send a little more, but a
    // few kilobytes claiming thousands of pixels are a trap, not a portrait.
    static constexpr int kMaxDecodedSide = 512;

    // The image file the user picked, as peers get it: its middle square,
    // upright (as the camera held it), api::kAvatarSidePixels wide, as PNG
    // when that fits api::kMaxAvatarBytes and as JPEG otherwise. A sentence
    // for the user when the file cannot be read or is no picture.
    static Result<QByteArray, QString> fromFile(const QString& path);
    // The same for a picture already read (not null).
    static Result<QByteArray, QString> fromImage(const QImage& image);

    // Bytes a peer sent (or our own picture, as the node keeps it): the
    // picture, or a null image when they are not a whole PNG or JPEG within
    // the limits.
    static QImage decode(const QByteArray& bytes);
};

} // namespace confab::ui
