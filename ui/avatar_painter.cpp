#include "avatar_painter.h"

#include "avatar_image.h"

#include <QCryptographicHash>
#include <QPaintDevice>
#include <QPainter>
#include <QRectF>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <cmath>

namespace confab::ui {

namespace {

// Colours behind initials: hues around the wheel, each as light as it can
// be with white letters still reading on it (as WCAG asks of body text), so
// that every avatar looks alike but for its hue, on light and dark windows.
constexpr int kHues = 12;
constexpr float kSaturation = 0.55F;
constexpr float kLightest = 0.46F;
constexpr float kLightnessStep = 0.01F;
constexpr double kLetterContrast = 4.5;

// The same number for the same ID on every machine and in every run (qHash
// is seeded per process), so that a person keeps their colour; a digest,
// because IDs that differ only a little must still spread over the hues.
quint32 stableHash(const QString& text)
{
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    quint32 hash = 0;
    for (int i = 0; i < 4; ++i) {
        hash = (hash << 8) | static_cast<quint8>(digest.at(i));
    }
    return hash;
}

// The first letter of a word as a reader sees it: an accented letter
// written as two code points, or a character outside the BMP, stays whole.
QString firstGrapheme(const QString& word)
{
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, word);
    const qsizetype end = graphemes.toNextBoundary();
    return word.left(end > 0 ? end : 1);
}

double relativeLuminance(const QColor& colour)
{
    const auto linear = [](float channel) {
        return channel <= 0.03928F ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = colour.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

// The square in the middle of a picture a peer may have sent in another shape.
QImage middleSquare(const QImage& image)
{
    const int side = std::min(image.width(), image.height());
    if (image.width() == image.height()) {
        return image;
    }
    return image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
}

} // namespace

AvatarPainter::AvatarPainter(int keptPictures) : m_pictures(keptPictures)
{
}

QString AvatarPainter::initials(const QString& name)
{
    const QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty()) {
        return QStringLiteral("?");
    }
    QString letters;
    for (qsizetype i = 0; i < std::min<qsizetype>(words.size(), 2); ++i) {
        letters += firstGrapheme(words.at(i)).toUpper();
    }
    return letters;
}

QColor AvatarPainter::backgroundFor(const QString& id)
{
    const float hue = static_cast<float>(stableHash(id) % kHues) / static_cast<float>(kHues);
    QColor colour = QColor::fromHslF(hue, kSaturation, kLightest);
    for (float lightness = kLightest;
         lightness > kLightnessStep && contrast(colour, Qt::white) < kLetterContrast;
         lightness -= kLightnessStep) {
        colour = QColor::fromHslF(hue, kSaturation, lightness);
    }
    return colour;
}

double AvatarPainter::contrast(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor AvatarPainter::textColourOn(const QColor& background)
{
    const QColor white(Qt::white);
    const QColor black(Qt::black);
    // White wherever it reads well, as on every colour backgroundFor()
    // gives, so that initials look alike; black only where it must.
    if (contrast(background, white) >= kLetterContrast) {
        return white;
    }
    return contrast(background, white) >= contrast(background, black) ? white : black;
}

AvatarPainter::Picture* AvatarPainter::pictureOf(const QByteArray& bytes)
{
    if (bytes.isEmpty()) {
        return nullptr;
    }
    if (Picture* known = m_pictures.object(bytes)) {
        return known;
    }
    // Remembered even when unreadable, so that a broken picture is not read again on every paint.
    auto* picture = new Picture{middleSquare(AvatarImage::decode(bytes)), {}};
    ++m_read;
    m_pictures.insert(bytes, picture);
    return m_pictures.object(bytes);
}

bool AvatarPainter::hasPicture(const AvatarSubject& subject)
{
    const Picture* picture = pictureOf(subject.picture);
    return picture != nullptr && !picture->square.isNull();
}

QPixmap AvatarPainter::roundPicture(Picture& picture, int devicePixels)
{
    if (picture.round.width() == devicePixels) {
        return picture.round;
    }
    QImage canvas(devicePixels, devicePixels, QImage::Format_ARGB32_Premultiplied);
    canvas.fill(Qt::transparent);
    {
        QPainter painter(&canvas);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        // Filling the circle with the picture gives it a smooth edge, which a clip would not.
        painter.setBrush(picture.square.scaled(devicePixels, devicePixels, Qt::IgnoreAspectRatio,
                                               Qt::SmoothTransformation));
        painter.drawEllipse(canvas.rect());
    }
    picture.round = QPixmap::fromImage(canvas);
    return picture.round;
}

void AvatarPainter::paintInitials(QPainter& painter, const QRectF& rect, const AvatarSubject& subject)
{
    const QColor background = backgroundFor(subject.id);
    const QString letters = initials(subject.name);
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawEllipse(rect);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(
        std::max(1, static_cast<int>(std::lround(rect.height() * (letters.size() > 1 ? 0.38 : 0.46)))));
    painter.setFont(font);
    painter.setPen(textColourOn(background));
    painter.drawText(rect, Qt::AlignCenter, letters);
}

void AvatarPainter::paint(QPainter& painter, const QRectF& rect, const AvatarSubject& subject)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    Picture* picture = pictureOf(subject.picture);
    if (picture != nullptr && !picture->square.isNull()) {
        const qreal ratio = painter.device() != nullptr ? painter.device()->devicePixelRatio() : 1.0;
        const int devicePixels = std::max(1, static_cast<int>(std::lround(rect.width() * ratio)));
        painter.drawPixmap(rect, roundPicture(*picture, devicePixels),
                           QRectF(0, 0, devicePixels, devicePixels));
    } else {
        paintInitials(painter, rect, subject);
    }
    painter.restore();
}

QPixmap AvatarPainter::pixmap(const AvatarSubject& subject, int side, qreal devicePixelRatio)
{
    const int devicePixels = std::max(1, static_cast<int>(std::lround(side * devicePixelRatio)));
    QPixmap pixmap(devicePixels, devicePixels);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(painter, QRectF(0, 0, side, side), subject);
    return pixmap;
}

} // namespace confab::ui
