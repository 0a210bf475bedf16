// A peer's picture reaches the window: its row in the peer list, the
// conversation's header and the peer's details show it, and its initials
// again once the peer removes it. Bytes that only look like a picture show
// the initials. Against peers on a simulated LAN.
#include "avatar_image.h"
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/avatar_view.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"

#include <QImage>
#include <QListView>
#include <QPainter>

using namespace confab;

class AvatarsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aPeersPictureShowsInTheListHeaderAndDetails();
    void aPictureRemovedLeavesTheInitials();
    void bytesThatOnlyLookLikeAPictureShowTheInitials();
    void cleanupTestCase();

private:
    [[nodiscard]] QByteArray bobsPictureAsListed() const;
    bool setBobsPicture(const QByteArray& picture);

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob Builder"));
    std::unique_ptr<ui::MainWindow> m_window;
    QByteArray m_picture;
};

void AvatarsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id).has_value());
    QVERIFY(m_window->selectPeer(m_bob.id));

    QImage face(300, 200, QImage::Format_RGB32);
    face.fill(Qt::darkYellow);
    {
        QPainter painter(&face);
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPoint(150, 100), 60, 60);
    }
    const auto shrunk = ui::AvatarImage::fromImage(face);
    QVERIFY(shrunk);
    m_picture = shrunk.value();
}

QByteArray AvatarsTest::bobsPictureAsListed() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
    return row ? m_window->peerModel()
                     ->data(m_window->peerModel()->index(*row), ui::PeerListModel::AvatarRole)
                     .toByteArray()
               : QByteArray();
}

bool AvatarsTest::setBobsPicture(const QByteArray& picture)
{
    const auto set =
        ui::test::ask(*m_bob.client, [picture](api::Node& node) { return node.setAvatar(picture); });
    if (!set || !*set) {
        qWarning() << "Bob's picture was not set:" << (set ? set->error() : QStringLiteral("no answer"));
        return false;
    }
    return true;
}

void AvatarsTest::aPeersPictureShowsInTheListHeaderAndDetails()
{
    ui::ConversationHeader* header = m_window->header();
    QVERIFY(!header->avatar()->showsPicture());
    QCOMPARE(header->avatar()->subject().name, QStringLiteral("Bob Builder"));

    QVERIFY(setBobsPicture(m_picture));
    SIM_COMPARE(m_lan, bobsPictureAsListed(), m_picture);
    SIM_VERIFY(m_lan, header->avatar()->showsPicture());
    QCOMPARE(header->avatar()->accessibleName(), QStringLiteral("Picture of Bob Builder"));

    m_window->openPeerDetails();
    ui::PeerDetailsDialog* details = m_window->peerDetailsDialog();
    QVERIFY(details != nullptr);
    SIM_VERIFY(m_lan, details->isLoaded());
    QVERIFY(details->avatar()->isVisible());
    QVERIFY(details->avatar()->showsPicture());
    // Beside the picture, every text still shows whole.
    QTRY_VERIFY2_WITH_TIMEOUT(ui::test::clippedTexts(details).isEmpty(),
                              qPrintable(ui::test::clippedTexts(details).join(QLatin1Char('\n'))), 5000);
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("avatar-window.png")));
    QVERIFY(ui::test::saveScreenshot(details, QStringLiteral("avatar-details.png")));
    details->close();
}

void AvatarsTest::aPictureRemovedLeavesTheInitials()
{
    QVERIFY(setBobsPicture({}));
    SIM_VERIFY(m_lan, bobsPictureAsListed().isEmpty());
    ui::ConversationHeader* header = m_window->header();
    SIM_VERIFY(m_lan, !header->avatar()->showsPicture());
    QVERIFY(header->avatar()->accessibleName().contains(QStringLiteral("initials")));
}

void AvatarsTest::bytesThatOnlyLookLikeAPictureShowTheInitials()
{
    // A PNG's signature and end, and nothing readable between them.
    const QByteArray fake = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray(600, 'x') +
                            QByteArray::fromHex("0000000049454e44ae426082");
    const auto set = ui::test::ask(*m_bob.client, [fake](api::Node& node) { return node.setAvatar(fake); });
    QVERIFY(set.has_value());
    if (!*set) {
        QSKIP("the node refuses such bytes itself; nothing reaches the window");
    }
    SIM_COMPARE(m_lan, bobsPictureAsListed(), fake);
    ui::ConversationHeader* header = m_window->header();
    QCOMPARE(header->avatar()->subject().picture, fake);
    QVERIFY(!header->avatar()->showsPicture());
    // The list paints Bob's colour where the picture would be (clear of his initials).
    QListView* list = m_window->peerList();
    const QRect row = list->visualRect(list->model()->index(0, 0));
    const int padding = list->fontMetrics().height() / 3;
    const int side = row.height() - 2 * padding;
    const QImage shot = list->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QColor shown = shot.pixelColor(row.left() + padding + side / 2, row.top() + padding + 2);
    const QColor bobs = ui::AvatarPainter::backgroundFor(QString::fromStdString(m_bob.id.toText()));
    QVERIFY2(std::abs(shown.red() - bobs.red()) + std::abs(shown.green() - bobs.green()) +
                     std::abs(shown.blue() - bobs.blue()) <
                 30,
             qPrintable(shown.name()));
}

void AvatarsTest::cleanupTestCase()
{
    m_window.reset();
    ui::test::SimLan::stop(m_bob);
    ui::test::SimLan::stop(m_alice);
}

QTEST_MAIN(AvatarsTest)
#include "avatars_test.moc"
