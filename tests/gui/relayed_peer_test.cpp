// A peer reached only through a relay, as the window shows it: Alice and
// Carol cannot reach each other on the simulated LAN, Bob reaches both. The
// peer list says "via Bob", Carol can be chosen and messaged like any peer,
// and her details say in words why her messages go through Bob, how far away
// she is, and that her key is not verified yet.
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"

#include <QLabel>
#include <QPushButton>
#include <QToolButton>

using namespace confab;

class RelayedPeerTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void thePeerListSaysWhoCarriesTheMessages();
    void aPeerWithNoNameListedIsNamedByItsId();
    void aRelayedPeerIsChosenAndMessagedLikeAnyOther();
    void theDetailsExplainTheRouteAndTheKeyIsNotVerified();
    void theDetailsOfADirectPeerSayItIsDirect();
    void theExplanationNamesAnUnknownRelayByItsId();
    void cleanupTestCase();

private:
    [[nodiscard]] std::optional<QModelIndex> rowOf(const PeerId& peer) const;
    [[nodiscard]] QString viaOf(const PeerId& peer) const;
    // The peer's details as a keyboard user opens them: Ctrl+I in the window.
    ui::PeerDetailsDialog* openDetailsOf(const PeerId& peer);
    [[nodiscard]] bool carolReceived(const QString& body) const;
    [[nodiscard]] bool conversationShows(const QString& body) const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));     // on both sides
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void RelayedPeerTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    // No route between Alice and Carol: only Bob can carry their messages.
    m_lan.network().setReachable(m_alice.address, m_carol.address, false);
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    QVERIFY(m_lan.start(m_carol));
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint(), m_carol.endpoint()}));
    SIM_VERIFY(m_lan, viaOf(m_carol.id) == QStringLiteral("Bob"));
}

std::optional<QModelIndex> RelayedPeerTest::rowOf(const PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    if (!row) {
        return std::nullopt;
    }
    return m_window->peerModel()->index(*row);
}

QString RelayedPeerTest::viaOf(const PeerId& peer) const
{
    const auto row = rowOf(peer);
    return row ? row->data(ui::PeerListModel::ViaRole).toString() : QString();
}

ui::PeerDetailsDialog* RelayedPeerTest::openDetailsOf(const PeerId& peer)
{
    if (m_window->peerDetailsDialog() != nullptr) {
        m_window->peerDetailsDialog()->close();
    }
    if (!m_window->selectPeer(peer)) {
        return nullptr;
    }
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        return nullptr;
    }
    QTest::keyClick(m_window.get(), Qt::Key_I, Qt::ControlModifier);
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    if (dialog == nullptr || !m_lan.runUntil([dialog] { return dialog->isLoaded(); })) {
        return nullptr;
    }
    return dialog;
}

bool RelayedPeerTest::carolReceived(const QString& body) const
{
    const api::StoredMessages history = m_carol.node().history(m_alice.id, 50);
    return std::any_of(history.begin(), history.end(),
                       [&body](const api::StoredMessage& message) { return message.body == body; });
}

bool RelayedPeerTest::conversationShows(const QString& body) const
{
    const ui::ConversationModel* conversation = m_window->conversationModel();
    for (int row = 0; row < conversation->rowCount(); ++row) {
        if (conversation->index(row).data(Qt::DisplayRole).toString() == body) {
            return true;
        }
    }
    return false;
}

void RelayedPeerTest::thePeerListSaysWhoCarriesTheMessages()
{
    const auto carol = rowOf(m_carol.id);
    QVERIFY(carol.has_value());
    QVERIFY(!carol->data(ui::PeerListModel::OnlineRole).toBool()); // no link of our own
    QCOMPARE(carol->data(ui::PeerListModel::HopsRole).toInt(), 2);
    QVERIFY2(carol->data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Carol — via Bob\n")),
             qPrintable(carol->data(Qt::DisplayRole).toString()));
    const QString spoken = carol->data(Qt::AccessibleTextRole).toString();
    QVERIFY2(spoken.contains(QStringLiteral("reached via Bob, 2 hop")) &&
                 spoken.contains(QStringLiteral("not verified")),
             qPrintable(spoken));
    QVERIFY2(carol->data(Qt::ToolTipRole).toString().contains(QStringLiteral("go through Bob")),
             qPrintable(carol->data(Qt::ToolTipRole).toString()));
    // Bob, the relay, is an ordinary direct peer.
    const auto bob = rowOf(m_bob.id);
    QVERIFY(bob.has_value());
    QVERIFY(bob->data(ui::PeerListModel::ViaRole).toString().isEmpty());
    QVERIFY2(bob->data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Bob — online")),
             qPrintable(bob->data(Qt::DisplayRole).toString()));
}

void RelayedPeerTest::aPeerWithNoNameListedIsNamedByItsId()
{
    // The next hop is not among the peers listed: the start of its ID stands in.
    const PeerId relay = crypto::IdentityKeyPair::generate().peerId();
    api::PeerSummary dave;
    dave.view.record.id = crypto::IdentityKeyPair::generate().peerId();
    dave.view.record.displayName = QStringLiteral("Dave");
    dave.view.route = api::PeerView::Route::Relay;
    dave.view.via = relay;
    dave.view.hops = 3;
    ui::PeerListModel model;
    model.setPeers({dave});
    const QString id = QString::fromStdString(relay.toText()).left(12);
    QCOMPARE(model.index(0).data(ui::PeerListModel::ViaRole).toString(), id);
    QCOMPARE(model.presenceText(model.at(0)), QStringLiteral("via %1").arg(id));
    // Without a route it is just offline.
    dave.view.route = api::PeerView::Route::None;
    dave.view.via.reset();
    model.setPeers({dave});
    QCOMPARE(model.index(0).data(ui::PeerListModel::ViaRole).toString(), QString());
    QVERIFY(model.index(0).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Dave — offline")));
}

void RelayedPeerTest::aRelayedPeerIsChosenAndMessagedLikeAnyOther()
{
    QVERIFY(m_window->selectPeer(m_carol.id));
    QCOMPARE(m_window->header()->title(), QStringLiteral("Carol"));
    QCOMPARE(m_window->header()->presenceText(), QStringLiteral("· via Bob"));
    QCOMPARE(m_window->header()->badgeText(), QStringLiteral("not verified"));
    // Nothing waits: no "offline, queued" notice.
    QVERIFY(m_window->queuedNotice()->isHidden());
    QVERIFY(m_window->composer()->isEnabled());
    // Calls need a link of their own, and the Call button says why there is none.
    QVERIFY(!m_window->header()->callButton()->isEnabled());
    QVERIFY2(m_window->header()->callButton()->toolTip().contains(QStringLiteral("only through Bob")),
             qPrintable(m_window->header()->callButton()->toolTip()));

    const QString text = QStringLiteral("Through Bob, sealed");
    m_window->composer()->setFocus();
    QTest::keyClicks(m_window->composer(), text);
    QTest::keyClick(m_window->composer(), Qt::Key_Return);
    SIM_VERIFY(m_lan, carolReceived(text));
    SIM_VERIFY(m_lan, conversationShows(text));
    QCOMPARE(m_window->composer()->toPlainText(), QString());

    // And back: Carol's answer shows in the open conversation.
    const QString answer = QStringLiteral("Got it, thanks Bob");
    bool replied = false;
    m_carol.client->call(
        m_window.get(), [id = m_alice.id, answer](api::Node& node) { return node.sendText(id, answer); },
        [&replied](const api::SendResult& sent) { replied = sent.ok(); });
    SIM_VERIFY(m_lan, replied);
    SIM_VERIFY(m_lan, conversationShows(answer));
}

void RelayedPeerTest::theDetailsExplainTheRouteAndTheKeyIsNotVerified()
{
    ui::PeerDetailsDialog* dialog = openDetailsOf(m_carol.id);
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->presenceText(), QStringLiteral("via Bob"));
    QCOMPARE(dialog->routeText(),
             QStringLiteral("Your computer cannot reach Carol directly; messages go through "
                            "Bob, who cannot read them. Carol is 2 hop(s) away."));
    // First learned through Bob: pinned like any new key, and not verified.
    QVERIFY(!dialog->isVerified());
    QCOMPARE(dialog->statusText(), QStringLiteral("Not verified"));
    QCOMPARE(dialog->safetyNumber(), QString::fromStdString(m_carol.node().safetyNumber(m_alice.id).value()));
    QVERIFY(dialog->verifyButton()->isEnabled());
    SIM_VERIFY(m_lan, ui::test::clippedTexts(dialog).isEmpty());
    const QStringList unnamed = ui::test::unnamedControls(dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    dialog->close();
}

void RelayedPeerTest::theDetailsOfADirectPeerSayItIsDirect()
{
    ui::PeerDetailsDialog* dialog = openDetailsOf(m_bob.id);
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->presenceText(), QStringLiteral("online"));
    QVERIFY2(
        dialog->routeText().startsWith(QStringLiteral("Direct: your computer is connected to Bob itself")),
        qPrintable(dialog->routeText()));
    dialog->close();
}

void RelayedPeerTest::theExplanationNamesAnUnknownRelayByItsId()
{
    api::PeerDetails details;
    details.view.record.id = m_carol.id;
    details.view.route = api::PeerView::Route::Relay;
    details.view.via = m_bob.id;
    details.view.hops = 3;
    const QString id = QString::fromStdString(m_bob.id.toText()).left(12);
    QCOMPARE(
        ui::PeerDetailsDialog::routeExplanation(details, QStringLiteral("Carol")),
        QStringLiteral("Your computer cannot reach Carol directly; messages go through %1, who cannot read "
                       "them. Carol is 3 hop(s) away.")
            .arg(id));
    details.view.route = api::PeerView::Route::None;
    details.view.via.reset();
    QVERIFY(ui::PeerDetailsDialog::routeExplanation(details, QStringLiteral("Carol"))
                .startsWith(QStringLiteral("Carol cannot be reached now")));
}

void RelayedPeerTest::cleanupTestCase()
{
    m_window.reset();
    ui::test::SimLan::stop(m_bob);
    ui::test::SimLan::stop(m_carol);
}

QTEST_MAIN(RelayedPeerTest)
#include "relayed_peer_test.moc"
