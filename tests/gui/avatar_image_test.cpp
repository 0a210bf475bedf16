// The user's picture is made small enough for peers: the middle square,
// upright, 96 pixels wide, PNG when it fits and JPEG otherwise, without the
// original's metadata; a file that is no picture is refused in words. A
// peer's picture is read only when it is a whole PNG or JPEG of a sensible
// size: garbage, a picture cut short and one declaring huge dimensions give
// nothing to show.
#include "api/node_types.h"
#include "avatar_image.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;

class AvatarImageTest : public QObject {
    Q_OBJECT
private slots:
    void aLargePhotoBecomesASmallSquareJpeg();
    void aDrawingThatFitsStaysPngAndKeepsItsMiddle();
    void transparencySurvivesAsPng();
    void thePictureIsTurnedAsTheCameraWasHeld();
    void theOriginalsMetadataIsNotSent();
    void aFileThatIsNoPictureIsRefusedInWords();
    void aMissingFileIsRefusedInWords();
    void decodesWhatItMakes();
    void decodingRefusesGarbage();
    void decodingRefusesAPictureCutShort();
    void decodingRefusesHugeDimensions();
    void decodingTakesOnlyPngAndJpeg();

private:
    QString save(const QImage& image, const QString& name, const char* format, int quality = -1);
    QTemporaryDir m_dir;
};

namespace {

QImage noise(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(42);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            line[x] = 0xff000000U | (random.generate() & 0xffffffU);
        }
    }
    return image;
}

QByteArray encoded(const QImage& image, const char* format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    return writer.write(image) ? bytes : QByteArray();
}

bool isPng(const QByteArray& bytes)
{
    return bytes.startsWith(QByteArray::fromHex("89504e470d0a1a0a"));
}

bool isJpeg(const QByteArray& bytes)
{
    return bytes.startsWith(QByteArray::fromHex("ffd8ff"));
}

// Close to `expected` in each channel: JPEG and smooth scaling blur a little.
bool near(QRgb actual, const QColor& expected, int tolerance = 40)
{
    return std::abs(qRed(actual) - expected.red()) <= tolerance &&
           std::abs(qGreen(actual) - expected.green()) <= tolerance &&
           std::abs(qBlue(actual) - expected.blue()) <= tolerance;
}

QString describe(QRgb pixel)
{
    return QColor::fromRgba(pixel).name(QColor::HexArgb);
}

// Left half red, right half blue.
QImage halves(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::blue);
    QPainter painter(&image);
    painter.fillRect(0, 0, width / 2, height, Qt::red);
    return image;
}

// The JPEG with an EXIF block saying how the camera was held (1: upright;
// 6: turned a quarter clockwise to be seen), as a phone writes it.
QByteArray withOrientation(const QByteArray& jpeg, int orientation)
{
    QByteArray tiff = QByteArray::fromHex("4d4d002a00000008" // big-endian TIFF, first IFD at 8
                                          "0001"             // one entry
                                          "011200030000000100");
    tiff += static_cast<char>(orientation);
    tiff += QByteArray(2, '\0'); // the value's unused half
    tiff += QByteArray(4, '\0'); // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    const int length = static_cast<int>(payload.size()) + 2;
    QByteArray app1 = QByteArray::fromHex("ffe1");
    app1 += static_cast<char>(length >> 8);
    app1 += static_cast<char>(length & 0xff);
    return jpeg.left(2) + app1 + payload + jpeg.mid(2);
}

quint32 crc32(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffU;
    for (const char byte : bytes) {
        crc ^= static_cast<quint8>(byte);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1U)));
        }
    }
    return ~crc;
}

QByteArray bigEndian(quint32 value)
{
    QByteArray bytes(4, '\0');
    for (int i = 0; i < 4; ++i) {
        bytes[i] = static_cast<char>(value >> (24 - 8 * i));
    }
    return bytes;
}

QByteArray pngChunk(const QByteArray& type, const QByteArray& data)
{
    return bigEndian(static_cast<quint32>(data.size())) + type + data + bigEndian(crc32(type + data));
}

} // namespace

QString AvatarImageTest::save(const QImage& image, const QString& name, const char* format, int quality)
{
    QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(encoded(image, format, quality)) <= 0) {
        return {};
    }
    return path;
}

void AvatarImageTest::aLargePhotoBecomesASmallSquareJpeg()
{
    const QString photo = save(noise(2000, 1200), QStringLiteral("photo.jpg"), "jpeg", 92);
    QVERIFY(!photo.isEmpty());
    const auto shrunk = ui::AvatarImage::fromFile(photo);
    QVERIFY2(shrunk, qPrintable(shrunk ? QString() : shrunk.error()));
    const QByteArray& bytes = shrunk.value();
    QVERIFY2(bytes.size() <= api::kMaxAvatarBytes, qPrintable(QString::number(bytes.size())));
    QVERIFY(isJpeg(bytes)); // noise does not fit as PNG
    const QImage decoded = QImage::fromData(bytes);
    QCOMPARE(decoded.size(), QSize(api::kAvatarSidePixels, api::kAvatarSidePixels));
}

void AvatarImageTest::aDrawingThatFitsStaysPngAndKeepsItsMiddle()
{
    // Red, green and blue thirds: the middle square is the green one.
    QImage drawing(600, 200, QImage::Format_RGB32);
    drawing.fill(Qt::red);
    {
        QPainter painter(&drawing);
        painter.fillRect(200, 0, 200, 200, Qt::green);
        painter.fillRect(400, 0, 200, 200, Qt::blue);
    }
    const QString path = save(drawing, QStringLiteral("drawing.png"), "png");
    const auto shrunk = ui::AvatarImage::fromFile(path);
    QVERIFY2(shrunk, qPrintable(shrunk ? QString() : shrunk.error()));
    QVERIFY(isPng(shrunk.value()));
    QVERIFY(shrunk.value().size() <= api::kMaxAvatarBytes);
    const QImage decoded = QImage::fromData(shrunk.value(), "png");
    QCOMPARE(decoded.size(), QSize(api::kAvatarSidePixels, api::kAvatarSidePixels));
    for (const QPoint at : {QPoint(1, 1), QPoint(48, 48), QPoint(94, 94)}) {
        QVERIFY2(near(decoded.pixel(at), Qt::green, 2), qPrintable(describe(decoded.pixel(at))));
    }
}

void AvatarImageTest::transparencySurvivesAsPng()
{
    QImage logo(200, 200, QImage::Format_ARGB32);
    logo.fill(Qt::transparent);
    {
        QPainter painter(&logo);
        painter.fillRect(50, 50, 100, 100, Qt::red);
    }
    const auto shrunk = ui::AvatarImage::fromImage(logo);
    QVERIFY(shrunk);
    QVERIFY(isPng(shrunk.value()));
    const QImage decoded = QImage::fromData(shrunk.value(), "png");
    QCOMPARE(qAlpha(decoded.pixel(2, 2)), 0);
    QVERIFY(near(decoded.pixel(48, 48), Qt::red, 2));
}

void AvatarImageTest::thePictureIsTurnedAsTheCameraWasHeld()
{
    // Stored lying on its side: red on the left. Held upright, red is on top.
    // The large one is read already scaled down, which must not lose the turn.
    for (const QSize size : {QSize(400, 200), QSize(4000, 2000)}) {
        const QByteArray jpeg = encoded(halves(size.width(), size.height()), "jpeg", 95);
        for (const int orientation : {1, 6}) {
            const QString path =
                m_dir.filePath(QStringLiteral("turned-%1-%2.jpg").arg(size.width()).arg(orientation));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(withOrientation(jpeg, orientation));
            file.close();
            const auto shrunk = ui::AvatarImage::fromFile(path);
            QVERIFY(shrunk);
            const QImage decoded = QImage::fromData(shrunk.value());
            QCOMPARE(decoded.size(), QSize(api::kAvatarSidePixels, api::kAvatarSidePixels));
            const QRgb topRight = decoded.pixel(90, 5);
            const QRgb bottomLeft = decoded.pixel(5, 90);
            const QColor expectedTopRight = orientation == 6 ? QColor(Qt::red) : QColor(Qt::blue);
            const QColor expectedBottomLeft = orientation == 6 ? QColor(Qt::blue) : QColor(Qt::red);
            QVERIFY2(near(topRight, expectedTopRight), qPrintable(describe(topRight)));
            QVERIFY2(near(bottomLeft, expectedBottomLeft), qPrintable(describe(bottomLeft)));
        }
    }
}

void AvatarImageTest::theOriginalsMetadataIsNotSent()
{
    const QByteArray secret("Home: 51.5007 N, 0.1246 W");
    for (const bool photo : {false, true}) {
        QImage image = photo ? noise(300, 300) : halves(300, 300);
        image.setText(QStringLiteral("Description"), QString::fromLatin1(secret));
        const auto shrunk = ui::AvatarImage::fromImage(image);
        QVERIFY(shrunk);
        QCOMPARE(isJpeg(shrunk.value()), photo);
        QVERIFY(!shrunk.value().contains(secret));
        // What a writer makes of the original would carry it: the check can fail.
        QVERIFY(encoded(image.scaled(96, 96), photo ? "jpeg" : "png").contains(secret));
    }
}

void AvatarImageTest::aFileThatIsNoPictureIsRefusedInWords()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Shopping: milk, bread, eggs.\n");
    file.close();
    const auto refused = ui::AvatarImage::fromFile(path);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QStringLiteral("“notes.txt” is not a picture")),
             qPrintable(refused.error()));

    // Named like a picture, but it is not one.
    const QString fake = m_dir.filePath(QStringLiteral("holiday.jpg"));
    QVERIFY(QFile::copy(path, fake));
    const auto alsoRefused = ui::AvatarImage::fromFile(fake);
    QVERIFY(!alsoRefused);
    QVERIFY2(alsoRefused.error().contains(QStringLiteral("holiday.jpg")), qPrintable(alsoRefused.error()));
}

void AvatarImageTest::aMissingFileIsRefusedInWords()
{
    const auto refused = ui::AvatarImage::fromFile(m_dir.filePath(QStringLiteral("gone.png")));
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QStringLiteral("“gone.png” could not be opened")),
             qPrintable(refused.error()));
}

void AvatarImageTest::decodesWhatItMakes()
{
    for (const bool photo : {false, true}) {
        const auto shrunk = ui::AvatarImage::fromImage(photo ? noise(500, 300) : halves(500, 300));
        QVERIFY(shrunk);
        const QImage decoded = ui::AvatarImage::decode(shrunk.value());
        QCOMPARE(decoded.size(), QSize(api::kAvatarSidePixels, api::kAvatarSidePixels));
    }
}

void AvatarImageTest::decodingRefusesGarbage()
{
    QVERIFY(ui::AvatarImage::decode({}).isNull());
    QByteArray random(2000, '\0');
    QRandomGenerator generator(7);
    for (char& byte : random) {
        byte = static_cast<char>(generator.bounded(256));
    }
    QVERIFY(ui::AvatarImage::decode(random).isNull());
    // The right signatures and ends, nothing sensible between them.
    const QByteArray pngEnd = QByteArray::fromHex("0000000049454e44ae426082");
    QVERIFY(ui::AvatarImage::decode(QByteArray::fromHex("89504e470d0a1a0a") + random + pngEnd).isNull());
    QVERIFY(ui::AvatarImage::decode(QByteArray::fromHex("ffd8ff") + random + QByteArray::fromHex("ffd9"))
                .isNull());
}

void AvatarImageTest::decodingRefusesAPictureCutShort()
{
    for (const char* format : {"png", "jpeg"}) {
        const QByteArray whole = encoded(halves(96, 96), format);
        QVERIFY(whole.size() <= api::kMaxAvatarBytes);
        QVERIFY2(!ui::AvatarImage::decode(whole).isNull(), format); // whole, it is read
        const QByteArray cut = whole.left(whole.size() * 2 / 3);
        QVERIFY2(ui::AvatarImage::decode(cut).isNull(), format);
    }
    const QByteArray photo = encoded(noise(96, 96), "jpeg", 50);
    QVERIFY(photo.size() <= api::kMaxAvatarBytes);
    QVERIFY(ui::AvatarImage::decode(photo.left(photo.size() / 2)).isNull());
}

void AvatarImageTest::decodingRefusesHugeDimensions()
{
    // Real pictures a little over the limit, a few kilobytes each.
    constexpr int kOver = ui::AvatarImage::kMaxDecodedSide + 88;
    for (const char* format : {"png", "jpeg"}) {
        QImage flat(kOver, 64, QImage::Format_RGB32);
        flat.fill(Qt::darkCyan);
        const QByteArray bytes = encoded(flat, format, 50);
        QVERIFY(bytes.size() <= api::kMaxAvatarBytes);
        QVERIFY(!QImage::fromData(bytes).isNull()); // a reader without limits takes it
        QVERIFY2(ui::AvatarImage::decode(bytes).isNull(), format);
        const QByteArray fits = encoded(flat.copy(0, 0, ui::AvatarImage::kMaxDecodedSide, 64), format, 50);
        QVERIFY2(!ui::AvatarImage::decode(fits).isNull(), format);
    }
    // A header claiming 100,000 × 100,000 pixels in a few dozen bytes.
    QByteArray header = bigEndian(100000) + bigEndian(100000);
    header += QByteArray::fromHex("0802000000"); // 8-bit RGB, no interlace
    const QByteArray bomb = QByteArray::fromHex("89504e470d0a1a0a") + pngChunk("IHDR", header) +
                            pngChunk("IDAT", QByteArray::fromHex("789c030000000001")) + pngChunk("IEND", {});
    QVERIFY(ui::AvatarImage::decode(bomb).isNull());
}

void AvatarImageTest::decodingTakesOnlyPngAndJpeg()
{
    const QByteArray bmp = encoded(halves(32, 32), "bmp");
    QVERIFY(!bmp.isEmpty());
    QVERIFY(!QImage::fromData(bmp).isNull());
    QVERIFY(ui::AvatarImage::decode(bmp).isNull());
    // Too big to have come from a peer, however good a picture.
    const QByteArray large = encoded(noise(96, 96), "png");
    QVERIFY(large.size() > api::kMaxAvatarBytes);
    QVERIFY(ui::AvatarImage::decode(large).isNull());
}

QTEST_MAIN(AvatarImageTest)
#include "avatar_image_test.moc"
