// Two peers with one name (Bob reinstalled Confab, or someone pretends to be
// him), on a simulated LAN: the list shows the start of each one's ID after
// the name and says so to screen readers; the conversation of the one not
// verified says who the other is and what to compare, with a button to the
// safety number; the verified one's conversation says nothing.
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/composer.h"
#include "widgets/main_window.h"
#include "widgets/namesake_notice.h"

#include <QApplication>
#include <QPushButton>
#include <QTranslator>

using namespace confab;

class NamesakeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theListTellsTheTwoBobsApartByTheirIds();
    void theNewBobsConversationNamesTheVerifiedOne();
    void theVerifiedBobsConversationSaysNothing();
    void withNeitherVerifiedBothAreAskedToBeCompared();
    void compareOpensTheNewBobsSafetyNumber();
    void aNicknameEndsTheClash();
    void cleanupTestCase();

private:
    [[nodiscard]] QModelIndex rowOf(const PeerId& peer) const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_newBob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
    QTranslator m_english;
};

void NamesakeTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(ui::test::installEnglish(m_english)); // plural forms, as in the app
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, rowOf(m_bob.id).isValid());
    QVERIFY(m_alice.node().setVerified(m_bob.id, true));
    m_lan.stop(m_bob); // the old Bob is gone; a new one writes
    QVERIFY(m_lan.start(m_newBob, {m_alice.endpoint()}));
    QVERIFY(m_newBob.id != m_bob.id);
    m_newBob.client->call([to = m_alice.id](api::Node& node) {
        node.sendText(to, QStringLiteral("Hi Alice, it's Bob on my new laptop."));
    });
    SIM_VERIFY(m_lan,
               rowOf(m_newBob.id).isValid() && !rowOf(m_bob.id).data(ui::PeerListModel::OnlineRole).toBool());
}

QModelIndex NamesakeTest::rowOf(const PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    return row ? m_window->peerModel()->index(*row) : QModelIndex();
}

void NamesakeTest::theListTellsTheTwoBobsApartByTheirIds()
{
    for (const PeerId& bob : {m_bob.id, m_newBob.id}) {
        const QModelIndex row = rowOf(bob);
        QCOMPARE(row.data(ui::PeerListModel::NameRole).toString(), QStringLiteral("Bob"));
        const QString shortId = ui::PeerListModel::shortId(bob);
        QCOMPARE(row.data(ui::PeerListModel::NamesakeIdRole).toString(), shortId);
        QVERIFY2(
            row.data(Qt::AccessibleTextRole).toString().contains(shortId + QStringLiteral(", another peer")),
            qPrintable(row.data(Qt::AccessibleTextRole).toString()));
    }
    QCOMPARE(rowOf(m_alice.id).isValid(), false);
}

void NamesakeTest::theNewBobsConversationNamesTheVerifiedOne()
{
    QVERIFY(m_window->selectPeer(m_newBob.id));
    ui::NamesakeNotice* notice = m_window->namesakeNotice();
    QVERIFY(notice->isVisibleTo(m_window.get()));
    QCOMPARE(notice->text(), QStringLiteral("Another peer named Bob, whom you verified, is offline. If Bob "
                                            "reinstalled Confab, compare the safety number before trusting "
                                            "this one."));
    QVERIFY(!notice->accessibleName().isEmpty());
    QVERIFY(!notice->compareButton()->accessibleName().isEmpty());
    // A reason to check, not an attack: writing stays possible.
    QVERIFY(m_window->composer()->isEnabled());
    const QStringList clipped = ui::test::clippedTexts(m_window.get());
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    const QStringList shared = ui::test::sharedMnemonics(m_window.get());
    QVERIFY2(shared.isEmpty(), qPrintable(shared.join(QStringLiteral("; "))));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("two-bobs.png")));
}

void NamesakeTest::theVerifiedBobsConversationSaysNothing()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    QVERIFY(!m_window->namesakeNotice()->isVisibleTo(m_window.get()));
}

void NamesakeTest::withNeitherVerifiedBothAreAskedToBeCompared()
{
    QVERIFY(m_alice.node().setVerified(m_bob.id, false));
    SIM_VERIFY(m_lan, !rowOf(m_bob.id).data(ui::PeerListModel::VerifiedRole).toBool());
    // The open conversation's notice follows the list.
    SIM_VERIFY(m_lan, m_window->namesakeNotice()->isVisibleTo(m_window.get()));
    const QString text = m_window->namesakeNotice()->text();
    QCOMPARE(text,
             QStringLiteral("1 other peer also called Bob (ID %1). This one's ID starts %2. Compare safety "
                            "numbers to know who is who.")
                 .arg(ui::PeerListModel::shortId(m_newBob.id), ui::PeerListModel::shortId(m_bob.id)));
    QVERIFY(m_window->selectPeer(m_newBob.id));
    QVERIFY(m_window->namesakeNotice()->text().contains(ui::PeerListModel::shortId(m_bob.id)));
    QVERIFY(m_alice.node().setVerified(m_bob.id, true));
    SIM_VERIFY(m_lan, m_window->namesakeNotice()->text().contains(QStringLiteral("whom you verified")));
}

void NamesakeTest::compareOpensTheNewBobsSafetyNumber()
{
    QVERIFY(m_window->selectPeer(m_newBob.id));
    QTest::mouseClick(m_window->namesakeNotice()->compareButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, m_window->peerDetailsDialog() != nullptr && m_window->peerDetailsDialog()->isLoaded());
    QVERIFY(m_window->peerDetailsDialog()->windowTitle().contains(QStringLiteral("Bob")));
    QCOMPARE(m_window->peerDetailsDialog()->peer(), m_newBob.id);
    m_window->peerDetailsDialog()->close();
}

void NamesakeTest::aNicknameEndsTheClash()
{
    QVERIFY(m_alice.node().rename(m_bob.id, QStringLiteral("Old Bob")));
    SIM_COMPARE(m_lan, rowOf(m_bob.id).data(ui::PeerListModel::NameRole).toString(),
                QStringLiteral("Old Bob"));
    QVERIFY(rowOf(m_newBob.id).data(ui::PeerListModel::NamesakeIdRole).toString().isEmpty());
    QVERIFY(!m_window->namesakeNotice()->isVisibleTo(m_window.get()));
}

void NamesakeTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(NamesakeTest)
#include "namesake_test.moc"
