#pragma once

#include <QByteArray>
#include <QCache>
#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

class QPainter;
class QRectF;

namespace confab::ui {

// Whose round picture to paint: the picture they sent (PNG or JPEG bytes,
// empty for none), and, for when there is none or it cannot be read, their
// name (for the initials) and an ID (for the colour behind them, the same
// for the same person wherever they are shown).
struct AvatarSubject {
    QByteArray picture;
    QString name;
    QString id;
};

// Paints round avatars: the picture clipped to a circle, or the name's
// initials on a colour of its own. Each owner keeps one: it remembers the
// pictures it decoded (by their bytes), so a list repainting its rows does
// not read each picture again.
class AvatarPainter {
public:
    // At most this many decoded pictures are kept; the least recently used go first.
    explicit AvatarPainter(int keptPictures = 64);

    // Into `rect` (a square) of whatever `painter` paints on, at its device
    // pixel ratio.
    void paint(QPainter& painter, const QRectF& rect, const AvatarSubject& subject);
    // A round avatar `side` pixels wide (logical), for a screen of `devicePixelRatio`.
    QPixmap pixmap(const AvatarSubject& subject, int side, qreal devicePixelRatio);
    // Whether the subject's picture can be shown (false: the initials are).
    bool hasPicture(const AvatarSubject& subject);
    // How many pictures it has read so far: each once while it is kept.
    [[nodiscard]] int picturesRead() const { return m_read; }

    // The first letter of each of the first two words, upper case ("Ada
    // Lovelace" → "AL", "ada" → "A"); "?" for a name with none.
    static QString initials(const QString& name);
    // The colour behind the initials, chosen by the ID alone.
    static QColor backgroundFor(const QString& id);
    // White where it reads well on `background` (on every colour
    // backgroundFor() gives), else black if that reads better.
    static QColor textColourOn(const QColor& background);
    // How much two colours differ in lightness, as WCAG counts it (1 to 21).
    static double contrast(const QColor& a, const QColor& b);

private:
    struct Picture {
        QImage square; // null: the bytes are not a picture
        QPixmap round; // the last size painted, device pixels
    };
    Picture* pictureOf(const QByteArray& bytes);
    QPixmap roundPicture(Picture& picture, int devicePixels);
    static void paintInitials(QPainter& painter, const QRectF& rect, const AvatarSubject& subject);

    QCache<QByteArray, Picture> m_pictures;
    int m_read = 0;
};

} // namespace confab::ui
