// Node: the user's picture, sent to linked peers that take pictures.
#include "node.h"
#include "node_parts.h"
#include "proto/avatar.h"

#include <QCoreApplication>

namespace confab::api {

static_assert(kMaxAvatarBytes == proto::kMaxAvatarBytes, "front ends shrink pictures to the wire's limit");

Result<QByteArray, QString> Node::setAvatar(const QByteArray& image)
{
    const ByteView bytes(reinterpret_cast<const std::uint8_t*>(image.constData()),
                         static_cast<std::size_t>(image.size()));
    if (!image.isEmpty() && !proto::avatarFormatOf(bytes)) {
        return QCoreApplication::translate(
            "Node", "That file is not a PNG or JPEG picture. Choose a picture saved as PNG or JPEG.");
    }
    if (!proto::isValidAvatarBody(bytes)) {
        return QCoreApplication::translate(
                   "Node", "The picture is larger than %1 KB, the most peers take. Choose it in the "
                           "window's Settings, which shrinks it, or make it %2×%2 pixels first.")
            .arg(kMaxAvatarBytes / 1024)
            .arg(kAvatarSidePixels);
    }
    OpenProfile& o = *m_parts->open;
    if (!o.avatars.setOwn(image)) {
        return QCoreApplication::translate(
            "Node", "Cannot save the picture: the profile's database refused it. Is the disk full?");
    }
    return image;
}

QByteArray Node::avatar() const
{
    return m_parts->open->avatars.own();
}

} // namespace confab::api
