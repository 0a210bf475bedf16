// Avatars as painted: a picture in a circle, else the name's initials on a
// colour that the ID alone chooses, in letters that read on it. A picture
// that cannot be read shows the initials, and a picture is read once
// however often it is painted. The peer list, the conversation's header
// and the peer details show them.
#include "avatar_painter.h"
#include "models/peer_list_model.h"
#include "widgets/avatar_view.h"
#include "widgets/conversation_header.h"
#include "widgets/peer_delegate.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QBuffer>
#include <QListView>
#include <QPainter>
#include <QTest>

#include <set>

using namespace confab;

class AvatarPainterTest : public QObject {
    Q_OBJECT
private slots:
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void initialsAreTheFirstLettersOfTwoWords_data();
    void initialsAreTheFirstLettersOfTwoWords();
    void theColourComesFromTheIdAlone();
    void initialsReadOnEveryColour();
    void aPictureIsPaintedInACircle();
    void aSharpPictureOnAHighDensityScreen();
    void initialsShowWithoutAPicture();
    void anUnreadablePictureShowsTheInitials();
    void aPictureIsReadOnceHoweverOftenPainted();
    void thePeerListShowsAvatarsAndPresence();
    void theHeaderShowsThePeersPicture();

private:
    static QByteArray redPicture();
};

namespace {

const QString kId = QStringLiteral("k5v2nqg6w3ydh4j8c7r1m0tbx9pzs3fa");

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "png");
    return bytes;
}

bool near(QRgb actual, const QColor& expected, int tolerance = 8)
{
    return std::abs(qRed(actual) - expected.red()) <= tolerance &&
           std::abs(qGreen(actual) - expected.green()) <= tolerance &&
           std::abs(qBlue(actual) - expected.blue()) <= tolerance && qAlpha(actual) > 250;
}

QString describe(QRgb pixel)
{
    return QColor::fromRgba(pixel).name(QColor::HexArgb);
}

PeerId peerIdFrom(int seed)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(static_cast<std::uint8_t>(seed));
    return PeerId(bytes);
}

} // namespace

QByteArray AvatarPainterTest::redPicture()
{
    QImage image(96, 96, QImage::Format_RGB32);
    image.fill(Qt::red);
    return png(image);
}

void AvatarPainterTest::initialsAreTheFirstLettersOfTwoWords_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("initials");
    QTest::newRow("two words") << QStringLiteral("Ada Lovelace") << QStringLiteral("AL");
    QTest::newRow("lower case") << QStringLiteral("ada lovelace") << QStringLiteral("AL");
    QTest::newRow("one word") << QStringLiteral("ada") << QStringLiteral("A");
    QTest::newRow("three words") << QStringLiteral("Augusta Ada King") << QStringLiteral("AA");
    QTest::newRow("spaces around") << QStringLiteral("  bob \t  the builder ") << QStringLiteral("BT");
    QTest::newRow("empty") << QString() << QStringLiteral("?");
    QTest::newRow("only spaces") << QStringLiteral("   ") << QStringLiteral("?");
    QTest::newRow("accented") << QStringLiteral("émile zola") << QStringLiteral("ÉZ");
    // An accent written as its own code point stays on its letter.
    QTest::newRow("combining accent") << QStringLiteral("e\u0301mile") << QStringLiteral("E\u0301");
    QTest::newRow("beyond the BMP") << QStringLiteral("\U0001F600 party") << QStringLiteral("\U0001F600P");
    QTest::newRow("not Latin") << QStringLiteral("Ölçü Дмитрий") << QStringLiteral("ÖД");
}

void AvatarPainterTest::initialsAreTheFirstLettersOfTwoWords()
{
    QFETCH(QString, name);
    QFETCH(QString, initials);
    QCOMPARE(ui::AvatarPainter::initials(name), initials);
}

void AvatarPainterTest::theColourComesFromTheIdAlone()
{
    // The same ID, the same colour, on every machine and in every run: pinned.
    QCOMPARE(ui::AvatarPainter::backgroundFor(kId), ui::AvatarPainter::backgroundFor(QString(kId)));
    QCOMPARE(ui::AvatarPainter::backgroundFor(kId).name(), QStringLiteral("#a2692f"));
    // Different people mostly get different colours.
    std::set<QRgb> colours;
    for (int seed = 0; seed < 60; ++seed) {
        colours.insert(
            ui::AvatarPainter::backgroundFor(QString::fromStdString(peerIdFrom(seed).toText())).rgb());
    }
    QVERIFY2(colours.size() >= 8, qPrintable(QString::number(colours.size())));
}

void AvatarPainterTest::initialsReadOnEveryColour()
{
    std::set<QRgb> seen;
    for (int seed = 0; seed < 200; ++seed) {
        const QColor background =
            ui::AvatarPainter::backgroundFor(QString::fromStdString(peerIdFrom(seed).toText()));
        if (!seen.insert(background.rgb()).second) {
            continue;
        }
        const QColor text = ui::AvatarPainter::textColourOn(background);
        QCOMPARE(text, QColor(Qt::white)); // one look for everybody but the hue
        const double contrast = ui::AvatarPainter::contrast(background, text);
        QVERIFY2(
            contrast >= 4.5,
            qPrintable(QStringLiteral("%1 on %2: %3").arg(text.name(), background.name()).arg(contrast)));
    }
    // Both kinds of letter are chosen where they read better.
    QCOMPARE(ui::AvatarPainter::textColourOn(QColor(Qt::yellow)), QColor(Qt::black));
    QCOMPARE(ui::AvatarPainter::textColourOn(QColor(Qt::darkBlue)), QColor(Qt::white));
}

void AvatarPainterTest::aPictureIsPaintedInACircle()
{
    ui::AvatarPainter painter;
    const QImage avatar = painter.pixmap({redPicture(), QStringLiteral("Ada"), kId}, 40, 1.0).toImage();
    QCOMPARE(avatar.size(), QSize(40, 40));
    QVERIFY2(near(avatar.pixel(20, 20), Qt::red), qPrintable(describe(avatar.pixel(20, 20))));
    QVERIFY2(near(avatar.pixel(20, 2), Qt::red), qPrintable(describe(avatar.pixel(20, 2))));
    // Outside the circle: nothing.
    for (const QPoint corner : {QPoint(0, 0), QPoint(39, 0), QPoint(0, 39), QPoint(39, 39), QPoint(3, 3)}) {
        QCOMPARE(qAlpha(avatar.pixel(corner)), 0);
    }
}

void AvatarPainterTest::aSharpPictureOnAHighDensityScreen()
{
    ui::AvatarPainter painter;
    const QPixmap avatar = painter.pixmap({redPicture(), QStringLiteral("Ada"), kId}, 40, 2.0);
    QCOMPARE(avatar.size(), QSize(80, 80)); // device pixels
    QCOMPARE(avatar.devicePixelRatio(), 2.0);
    const QImage image = avatar.toImage();
    QVERIFY(near(image.pixel(40, 40), Qt::red));
    QVERIFY(near(image.pixel(40, 4), Qt::red));
    QCOMPARE(qAlpha(image.pixel(6, 6)), 0);
}

void AvatarPainterTest::initialsShowWithoutAPicture()
{
    ui::AvatarPainter painter;
    const ui::AvatarSubject subject{{}, QStringLiteral("Ada Lovelace"), kId};
    QVERIFY(!painter.hasPicture(subject));
    const QImage avatar = painter.pixmap(subject, 40, 1.0).toImage();
    const QColor background = ui::AvatarPainter::backgroundFor(kId);
    // Inside the circle, clear of the letters in the middle.
    QVERIFY2(near(avatar.pixel(20, 3), background), qPrintable(describe(avatar.pixel(20, 3))));
    QVERIFY2(near(avatar.pixel(4, 20), background), qPrintable(describe(avatar.pixel(4, 20))));
    QCOMPARE(qAlpha(avatar.pixel(0, 0)), 0);
    // The letters are there: the middle has pixels of the text's colour.
    const QColor text = ui::AvatarPainter::textColourOn(background);
    int lettered = 0;
    for (int y = 12; y < 28; ++y) {
        for (int x = 8; x < 32; ++x) {
            lettered += near(avatar.pixel(x, y), text, 30) ? 1 : 0;
        }
    }
    QVERIFY2(lettered > 10, qPrintable(QString::number(lettered)));
}

void AvatarPainterTest::anUnreadablePictureShowsTheInitials()
{
    ui::AvatarPainter painter;
    QByteArray broken = redPicture();
    broken.truncate(broken.size() / 2);
    for (const QByteArray& bytes : {broken, QByteArray("not a picture at all")}) {
        const ui::AvatarSubject subject{bytes, QStringLiteral("Ada"), kId};
        QVERIFY(!painter.hasPicture(subject));
        const QImage avatar = painter.pixmap(subject, 40, 1.0).toImage();
        QVERIFY2(near(avatar.pixel(20, 3), ui::AvatarPainter::backgroundFor(kId)),
                 qPrintable(describe(avatar.pixel(20, 3))));
    }
}

void AvatarPainterTest::aPictureIsReadOnceHoweverOftenPainted()
{
    ui::AvatarPainter painter;
    QImage canvas(200, 200, QImage::Format_ARGB32_Premultiplied);
    QPainter onCanvas(&canvas);
    const QByteArray picture = redPicture();
    for (int i = 0; i < 50; ++i) {
        // A copy of the bytes, as each model update brings.
        painter.paint(onCanvas, QRectF(0, 0, 36, 36),
                      {QByteArray(picture.constData(), picture.size()), QStringLiteral("Ada"), kId});
    }
    QCOMPARE(painter.picturesRead(), 1);
    QImage blue(96, 96, QImage::Format_RGB32);
    blue.fill(Qt::blue);
    painter.paint(onCanvas, QRectF(40, 0, 36, 36), {png(blue), QStringLiteral("Bob"), kId});
    painter.paint(onCanvas, QRectF(0, 40, 36, 36), {picture, QStringLiteral("Ada"), kId});
    QCOMPARE(painter.picturesRead(), 2);
    // One that cannot be read is not tried again either.
    for (int i = 0; i < 5; ++i) {
        painter.paint(onCanvas, QRectF(80, 0, 36, 36), {QByteArray("garbage"), QStringLiteral("Eve"), kId});
    }
    QCOMPARE(painter.picturesRead(), 3);
}

void AvatarPainterTest::thePeerListShowsAvatarsAndPresence()
{
    api::PeerSummary withPicture;
    withPicture.view.record.id = peerIdFrom(1);
    withPicture.view.record.displayName = QStringLiteral("Ada Lovelace");
    withPicture.view.connected = true;
    withPicture.view.avatar = redPicture();
    api::PeerSummary without;
    without.view.record.id = peerIdFrom(2);
    without.view.record.displayName = QStringLiteral("Bob Builder");

    ui::PeerListModel model;
    model.setPeers({withPicture, without});
    QCOMPARE(model.data(model.index(0), ui::PeerListModel::AvatarRole).toByteArray(),
             withPicture.view.avatar);
    QListView list;
    list.setModel(&model);
    list.setItemDelegate(new ui::PeerDelegate(&list));
    list.resize(320, 200);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    const QImage shot = list.viewport()->grab().toImage();
    QCOMPARE(shot.devicePixelRatio(), 1.0);

    // The avatar fills the row's height at its start; its middle is the picture.
    const QRect first = list.visualRect(model.index(0));
    const QRect second = list.visualRect(model.index(1));
    const int padding = list.fontMetrics().height() / 3;
    const int side = first.height() - 2 * padding;
    const QPoint middle(first.left() + padding + side / 2, first.top() + padding + side / 2);
    QVERIFY2(near(shot.pixel(middle), Qt::red, 12), qPrintable(describe(shot.pixel(middle))));
    // Bob has no picture: his colour, clear of the letters.
    const QPoint bobsTop(second.left() + padding + side / 2, second.top() + padding + 2);
    const QColor bobs =
        ui::AvatarPainter::backgroundFor(QString::fromStdString(without.view.record.id.toText()));
    QVERIFY2(near(shot.pixel(bobsTop), bobs, 12), qPrintable(describe(shot.pixel(bobsTop))));
    // Ada is online: the presence dot on the avatar's lower right edge is the online colour.
    const QPoint dot = middle + QPoint(side * 35 / 100, side * 35 / 100);
    const QColor online = ui::theme::positive(list.palette());
    QVERIFY2(near(shot.pixel(dot), online, 12), qPrintable(describe(shot.pixel(dot))));
    // The name starts after the avatar: nothing of the text is drawn over the picture.
    QVERIFY(near(shot.pixel(first.left() + padding + side - 3, first.top() + padding + side / 2 - 4), Qt::red,
                 12));
}

void AvatarPainterTest::theHeaderShowsThePeersPicture()
{
    ui::ConversationHeader header;
    QVERIFY(header.avatar()->isHidden());
    api::PeerSummary peer;
    peer.view.record.id = peerIdFrom(3);
    peer.view.record.displayName = QStringLiteral("Ada Lovelace");
    peer.view.avatar = redPicture();
    header.setPeer(&peer, QStringLiteral("online"));
    QVERIFY(!header.avatar()->isHidden());
    QVERIFY(header.avatar()->showsPicture());
    QCOMPARE(header.avatar()->accessibleName(), QStringLiteral("Picture of Ada Lovelace"));
    peer.view.avatar.clear();
    header.setPeer(&peer, QStringLiteral("online"));
    QVERIFY(!header.avatar()->showsPicture());
    QCOMPARE(header.avatar()->subject().name, QStringLiteral("Ada Lovelace"));
    QVERIFY(header.avatar()->accessibleName().contains(QStringLiteral("initials")));
    header.setPeer(nullptr, QString());
    QVERIFY(header.avatar()->isHidden());
}

QTEST_MAIN(AvatarPainterTest)
#include "avatar_painter_test.moc"
