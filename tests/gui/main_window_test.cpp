// The main window against peers on a simulated LAN (virtual clock, no
// sockets): what the user types reaches the other node, what the other node
// sends shows up, a refused message stays in the composer with the reason
// under it, and opening a conversation reads it with one receipt.
#include "crypto/sodium_init.h"
#include "dialogs/add_peer_dialog.h"
#include "dialogs/settings_dialog.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "proto/envelope.h"
#include "proto/limits.h"
#include "support/wait.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/conversation_view.h"
#include "widgets/main_window.h"
#include "widgets/pending_peers_panel.h"
#include "widgets/tray_icon.h"

#include <QApplication>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>

#include <cmath>
#include <optional>
#include <set>

using namespace confab;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void incomingMessageRaisesUnreadAndShowsInConversation();
    void enterSendsAndShiftEnterStartsANewLine();
    void filterHidesOtherPeers();
    void typingInTheFilterOpensNothingAndEscapeClearsIt();
    void everyControlIsNamedForScreenReaders();
    void theTitleNamesConfabOnce();
    void ctrlFFocusesTheFilterAndTabWalksThePanes();
    void messageTextOpensForSelection();
    void ctrlNAddsAPeerByAddress();
    void anAddressThatDoesNotAnswerSaysWhyAndCanBeCancelled();
    void linksInMessagesOpenWithAClick();
    void aDaySeparatorStartsTheConversation();
    void messagesWhileAwayNotifyAndCountInTheTray();
    void clickingANotificationOpensItsConversation();
    void aMessageTooLongIsRefusedAndStaysInTheComposer();
    void textChangedWhileSendingIsKept();
    void openingAConversationReadsItWithOneReceipt();
    void queuedMessagesSayThatThePeerIsOffline();
    void rightToLeftTextIsAlignedRightInTheComposer();
    void anEmptyConversationIsNoTabStop();
    void theFocusedPeerIsClearlyMarked();
    void theTimeOfAVeryLongMessageStaysInSight();
    void settingsShowOnlyOnceTheyHoldTheSavedChoices();
    void closingWithoutATrayQuits();
    void cleanupTestCase();

private:
    std::optional<int> unreadOf(const PeerId& peer) const;
    std::optional<int> unreadOfBob() const { return unreadOf(m_bob.id); }
    // What the status bar says (notices, the network diagnosis).
    QString statusText() const;
    void send(ui::test::SimLan::Peer& from, const QString& text);
    // Ctrl+N and the address in the dialog: true if the dialog came.
    bool addPeerThroughTheDialog(const QString& address)
    {
        return ui::test::addPeerThroughTheDialog(*m_window, address);
    }
    [[nodiscard]] bool bobStoredFromAlice(const QString& body) const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<api::StoredMessage> m_bobStored;
};

// Stands in for the desktop's browser: QDesktopServices hands https links here.
class LinkCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl& url) { opened.append(url); }
};

void MainWindowTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    connect(&m_bob.client->events(), &api::NodeEvents::messageStored, this,
            [this](const api::StoredMessage& message) { m_bobStored.push_back(message); });
    // The window learns about Bob from its own node, through the queued peer list.
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id).has_value());
    const int row = *m_window->peerModel()->rowOf(m_bob.id);
    SIM_VERIFY(m_lan, m_window->peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool());
}

std::optional<int> MainWindowTest::unreadOf(const PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    if (!row) {
        return std::nullopt;
    }
    return m_window->peerModel()->index(*row).data(ui::PeerListModel::UnreadRole).toInt();
}

QString MainWindowTest::statusText() const
{
    for (const QLabel* label : m_window->statusBar()->findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Network diagnosis and notices")) {
            return label->text();
        }
    }
    return {};
}

void MainWindowTest::send(ui::test::SimLan::Peer& from, const QString& text)
{
    from.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
}

bool MainWindowTest::bobStoredFromAlice(const QString& body) const
{
    return std::any_of(m_bobStored.begin(), m_bobStored.end(), [&](const api::StoredMessage& message) {
        return !message.outgoing && message.body == body && message.peer == m_alice.id;
    });
}

void MainWindowTest::incomingMessageRaisesUnreadAndShowsInConversation()
{
    QCOMPARE(unreadOfBob(), std::optional<int>(0));
    send(m_bob, QStringLiteral("hello from Bob"));
    SIM_COMPARE(m_lan, unreadOfBob(), std::optional<int>(1));
    const int row = *m_window->peerModel()->rowOf(m_bob.id);
    QCOMPARE(m_window->peerModel()->index(row).data(ui::PeerListModel::PreviewRole).toString(),
             QStringLiteral("hello from Bob"));
    QVERIFY(m_window->peerModel()
                ->index(row)
                .data(Qt::DisplayRole)
                .toString()
                .contains(QStringLiteral("1 unread")));

    QVERIFY(m_window->selectPeer(m_bob.id));
    auto* conversation = m_window->conversationModel();
    SIM_COMPARE(m_lan, conversation->rowCount(), 1);
    QCOMPARE(conversation->index(0).data(Qt::DisplayRole).toString(), QStringLiteral("hello from Bob"));
    QCOMPARE(conversation->index(0).data(ui::ConversationModel::OutgoingRole).toBool(), false);
    // Opening the conversation reads it.
    SIM_COMPARE(m_lan, unreadOfBob(), std::optional<int>(0));
}

void MainWindowTest::enterSendsAndShiftEnterStartsANewLine()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::Composer* composer = m_window->composer();
    QVERIFY(composer->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("first line"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("second line"));
    QCOMPARE(composer->toPlainText(), QStringLiteral("first line\nsecond line"));
    const int before = m_window->conversationModel()->rowCount();

    QTest::keyClick(composer, Qt::Key_Return);
    const QString expected = QStringLiteral("first line\nsecond line");
    // Cleared once the node has stored it, and it shows in the conversation.
    SIM_COMPARE(m_lan, composer->toPlainText(), QString());
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), before + 1);
    const QModelIndex last = m_window->conversationModel()->index(before);
    QCOMPARE(last.data(Qt::DisplayRole).toString(), expected);
    QVERIFY(last.data(ui::ConversationModel::OutgoingRole).toBool());

    // Bob's node stores it as incoming from Alice.
    SIM_VERIFY(m_lan, bobStoredFromAlice(expected));
    // Receipts come back and move the state on in the view.
    SIM_VERIFY(m_lan, last.data(ui::ConversationModel::StateTextRole).toString() !=
                          ui::ConversationModel::stateText(api::MessageState::Queued));

    // A blank message is not sent.
    composer->setPlainText(QStringLiteral("  \n "));
    QTest::keyClick(composer, Qt::Key_Return);
    m_lan.runFor(1000);
    QCOMPARE(m_window->conversationModel()->rowCount(), before + 1);
    QVERIFY(m_window->sendError()->isHidden());
    composer->clear();
}

void MainWindowTest::filterHidesOtherPeers()
{
    QLineEdit* filter = m_window->filterBox();
    QTest::keyClicks(filter, QStringLiteral("zzz"));
    QCOMPARE(m_window->peerList()->model()->rowCount(), 0);
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("bo"));
    QCOMPARE(m_window->peerList()->model()->rowCount(), 1);
    filter->clear();
}

void MainWindowTest::typingInTheFilterOpensNothingAndEscapeClearsIt()
{
    // Erin writes while Bob's conversation is open.
    ui::test::SimLan::Peer& erin = m_lan.addPeer(QStringLiteral("Erin"));
    QVERIFY(m_lan.start(erin, {m_alice.endpoint()}));
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, unreadOf(erin.id).has_value());
    send(erin, QStringLiteral("are you there?"));
    SIM_COMPARE(m_lan, unreadOf(erin.id), std::optional<int>(1));

    // Typing hides Bob and leaves Erin alone in the list, but opens nothing.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QLineEdit* filter = m_window->filterBox();
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("eri"));
    QCOMPARE(m_window->peerList()->model()->rowCount(), 1);
    m_lan.runFor(1000);
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(m_bob.id));
    QCOMPARE(m_window->header()->title(), QStringLiteral("Bob"));
    QCOMPARE(unreadOf(erin.id), std::optional<int>(1));
    QVERIFY(m_window->peerList()->selectionModel()->selectedIndexes().isEmpty());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(filter));

    // Escape clears the filter: every peer is back, Bob still open and marked.
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(m_window->peerList()->model()->rowCount(), m_window->peerModel()->rowCount());
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(m_bob.id));
    const QModelIndex current = m_window->peerList()->currentIndex();
    QCOMPARE(current.data(ui::PeerListModel::NameRole).toString(), QStringLiteral("Bob"));
    // Escape in an empty filter goes back to the peers.
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->peerList()));

    // Enter in the filter opens the first peer shown: a choice the user made.
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("eri"));
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(erin.id));
    SIM_COMPARE(m_lan, unreadOf(erin.id), std::optional<int>(0));
    filter->clear();
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(erin.id));
}

void MainWindowTest::everyControlIsNamedForScreenReaders()
{
    int controls = 0;
    for (QWidget* widget : m_window->findChildren<QWidget*>()) {
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isVisibleTo(m_window.get())) {
            ++controls;
        }
    }
    QVERIFY(controls >= 6); // filter, peers, details, conversation, composer, send
    const QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void MainWindowTest::theTitleNamesConfabOnce()
{
    // As the app sets it: the window system then shows "<title> — Confab"
    // unless the title already ends with the application's name.
    const QString app = QStringLiteral("Confab");
    QGuiApplication::setApplicationDisplayName(app);
    SIM_VERIFY(m_lan, m_window->windowTitle().contains(QStringLiteral("Alice")));
    const QString title = m_window->windowTitle();
    QVERIFY2(title.endsWith(app) && title.count(app) == 1, qPrintable(title));
    QCOMPARE(title, QStringLiteral("Alice — Confab"));
    QGuiApplication::setApplicationDisplayName(QString());
}

void MainWindowTest::ctrlFFocusesTheFilterAndTabWalksThePanes()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->selectPeer(m_bob.id)); // enables the composer
    // Loaded: an empty (or still loading) conversation is no Tab stop.
    SIM_VERIFY(m_lan, !m_window->conversationModel()->isLoading());
    m_window->conversationView()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->filterBox()));

    // Bob is online: his Call button is in the way too.
    // No rooms yet: their list is hidden, the button that makes one is not.
    const QList<QWidget*> expected{m_window->peerList(),
                                   m_window->newRoomButton(),
                                   m_window->header()->callButton(),
                                   m_window->header()->detailsButton(),
                                   m_window->conversationView(),
                                   m_window->composer()};
    for (QWidget* next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
}

void MainWindowTest::messageTextOpensForSelection()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, m_window->conversationModel()->rowCount() > 0);
    const QModelIndex first = m_window->conversationModel()->index(0);
    m_window->conversationView()->edit(first);
    QPlainTextEdit* editor = nullptr;
    QTRY_VERIFY((editor = m_window->conversationView()->viewport()->findChild<QPlainTextEdit*>()) != nullptr);
    QVERIFY(editor->isReadOnly());
    QCOMPARE(editor->toPlainText(), first.data().toString());
    QCOMPARE(editor->textCursor().selectedText(), first.data().toString());
    m_window->conversationView()->setFocus(); // closes the editor; the message stays as it was
    QTRY_COMPARE(m_window->conversationModel()->index(0).data().toString(), first.data().toString());
}

void MainWindowTest::ctrlNAddsAPeerByAddress()
{
    // Dave listens but knows nobody: only the address typed in the window brings him in.
    ui::test::SimLan::Peer& dave = m_lan.addPeer(QStringLiteral("Dave"));
    QVERIFY(m_lan.start(dave));
    QVERIFY(addPeerThroughTheDialog(dave.endpoint()));
    SIM_VERIFY(m_lan, statusText().contains(QStringLiteral("Connecting to %1").arg(dave.endpoint())));
    // The node dials the address, and Dave shows up online.
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(dave.id).has_value());
    const int row = *m_window->peerModel()->rowOf(dave.id);
    SIM_VERIFY(m_lan, m_window->peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool());
    QCOMPARE(m_window->peerModel()->index(row).data(ui::PeerListModel::NameRole).toString(),
             QStringLiteral("Dave"));
    // Answered: no longer waiting under the peers.
    SIM_VERIFY(m_lan, m_window->pendingPeersPanel()->addresses().isEmpty());
    QVERIFY(m_window->pendingPeersPanel()->isHidden());
}

void MainWindowTest::anAddressThatDoesNotAnswerSaysWhyAndCanBeCancelled()
{
    ui::PendingPeersPanel* panel = m_window->pendingPeersPanel();
    // No computer has this address on the simulated LAN: nothing ever answers.
    const QString nowhere = QStringLiteral("10.0.0.250:42042");
    QVERIFY(addPeerThroughTheDialog(nowhere));
    SIM_VERIFY(m_lan,
               panel->isVisible() && panel->text(nowhere) == QStringLiteral("Trying %1…").arg(nowhere));
    SIM_VERIFY(m_lan, panel->text(nowhere).contains(QStringLiteral("No answer")));
    QVERIFY2(panel->text(nowhere).startsWith(QStringLiteral("Cannot reach %1 yet.").arg(nowhere)),
             qPrintable(panel->text(nowhere)));

    // Ghost's computer is there, but Confab does not run on it.
    ui::test::SimLan::Peer& ghost = m_lan.addPeer(QStringLiteral("Ghost"));
    QVERIFY(addPeerThroughTheDialog(ghost.endpoint()));
    SIM_VERIFY(m_lan, panel->text(ghost.endpoint()).contains(QStringLiteral("Confab is not running")));
    QCOMPARE(panel->addresses().size(), 2);
    // Read whole, and every control has a name.
    SIM_VERIFY(m_lan, ui::test::clippedTexts(panel).isEmpty());
    const QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    // The keyboard reaches the Cancel buttons from the peer list; Space cancels.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->peerList()->setFocus();
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), static_cast<QWidget*>(m_window->peerList()),
                              confab::test::kPatienceMs);
    QTest::keyClick(m_window->peerList(), Qt::Key_Tab);
    QPushButton* first = panel->cancelButton(panel->addresses().constFirst());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(first));
    QVERIFY(first->accessibleName().contains(panel->addresses().constFirst()));
    const QString cancelled = panel->addresses().constFirst();
    QTest::keyClick(first, Qt::Key_Space);
    SIM_VERIFY(m_lan, !panel->addresses().contains(cancelled));
    QVERIFY(statusText().contains(QStringLiteral("Stopped trying %1").arg(cancelled)));

    // The other by mouse.
    const QString other = panel->addresses().constFirst();
    QTest::mouseClick(panel->cancelButton(other), Qt::LeftButton);
    SIM_VERIFY(m_lan, panel->addresses().isEmpty());
    QVERIFY(panel->isHidden());
    const auto pending = ui::test::ask(*m_alice.client, [](api::Node& node) { return node.pendingPeers(); });
    QVERIFY(pending.has_value());
    QVERIFY(pending->empty());
    // Forgotten: nothing tries them any more.
    m_lan.runFor(30000);
    QVERIFY(panel->addresses().isEmpty());
}

void MainWindowTest::linksInMessagesOpenWithAClick()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    const int before = m_window->conversationModel()->rowCount();
    send(m_bob, QStringLiteral("https://example.org/agenda"));
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), before + 1);
    const QModelIndex message = m_window->conversationModel()->index(before);
    QCOMPARE(message.data(ui::ConversationModel::LinksRole).value<QList<QUrl>>(),
             QList<QUrl>{QUrl(QStringLiteral("https://example.org/agenda"))});

    LinkCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &catcher, "open");
    ui::ConversationView* view = m_window->conversationView();
    view->scrollTo(message);
    QTRY_VERIFY(view->visualRect(message).isValid());
    // Find the link by looking along the text line of the bubble: where the view says it is.
    std::optional<QPoint> onLink;
    const QRect rect = view->visualRect(message);
    for (int y = rect.top(); y < rect.bottom() && !onLink; y += 2) {
        for (int x = rect.left(); x < rect.right() && !onLink; x += 4) {
            if (view->linkAt(QPoint(x, y))) {
                onLink = QPoint(x, y);
            }
        }
    }
    QVERIFY(onLink.has_value());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, *onLink);
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QCOMPARE(catcher.opened, QList<QUrl>{QUrl(QStringLiteral("https://example.org/agenda"))});
    // Outside the text there is nothing to open.
    QVERIFY(!view->linkAt(QPoint(rect.left() + 1, rect.top() + 1)));
}

void MainWindowTest::aDaySeparatorStartsTheConversation()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, m_window->conversationModel()->rowCount() > 1);
    const auto* model = m_window->conversationModel();
    // The virtual clock's wall time is a fixed day in the past: the first
    // message of that day starts with its date, the second does not.
    const QString day = model->index(0).data(ui::ConversationModel::DaySeparatorRole).toString();
    const QDate sent = QDateTime::fromMSecsSinceEpoch(m_lan.clock().wallMs()).date();
    QCOMPARE(day, ui::ConversationModel::dayText(sent, QDate::currentDate()));
    QVERIFY(!day.isEmpty());
    QCOMPARE(model->index(1).data(ui::ConversationModel::DaySeparatorRole).toString(), QString());
    const QDate today(2024, 6, 5);
    QCOMPARE(ui::ConversationModel::dayText(today, today), QStringLiteral("Today"));
    QCOMPARE(ui::ConversationModel::dayText(today.addDays(-1), today), QStringLiteral("Yesterday"));
    QVERIFY(ui::ConversationModel::dayText(today.addDays(-30), today).contains(QStringLiteral("2024")));
}

void MainWindowTest::messagesWhileAwayNotifyAndCountInTheTray()
{
    ui::TrayIcon* tray = m_window->trayIcon();
    // Coming back to the window reads the open conversation (Bob's), whatever
    // arrived in it while another window was in front.
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_window->hide();
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    SIM_COMPARE(m_lan, tray->unread(), 0);
    QVERIFY(tray->toolTip().contains(QStringLiteral("no unread")));
    const QIcon quiet = tray->icon();
    QSignalSpy notified(tray, &ui::TrayIcon::notified);

    m_window->hide(); // away: in the tray, or minimised
    send(m_bob, QStringLiteral("ping while you are away"));
    SIM_COMPARE(m_lan, notified.count(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Bob"));
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("ping while you are away"));
    SIM_COMPARE(m_lan, tray->unread(), 1);
    QVERIFY(tray->toolTip().contains(QStringLiteral("1 unread")));
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("(1)")));
    // The badge changes the icon's pixels.
    const QImage badged = tray->icon().pixmap(32, 32).toImage();
    QVERIFY(!badged.isNull());
    QVERIFY(badged != quiet.pixmap(32, 32).toImage());

    // Back at the window on that conversation: read, and no more badge.
    m_window->showAndRaise();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_COMPARE(m_lan, tray->unread(), 0);
    // A message seen as it arrives neither notifies nor counts.
    send(m_bob, QStringLiteral("and now you are here"));
    SIM_VERIFY(m_lan, m_window->conversationModel()
                              ->index(m_window->conversationModel()->rowCount() - 1)
                              .data()
                              .toString() == QStringLiteral("and now you are here"));
    m_lan.runFor(1000);
    QCOMPARE(notified.count(), 1);
    QCOMPARE(tray->unread(), 0);
}

void MainWindowTest::clickingANotificationOpensItsConversation()
{
    ui::test::SimLan::Peer& gina = m_lan.addPeer(QStringLiteral("Gina"));
    QVERIFY(m_lan.start(gina, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, unreadOf(gina.id).has_value());
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::TrayIcon* tray = m_window->trayIcon();
    QSignalSpy notified(tray, &ui::TrayIcon::notified);
    m_window->hide(); // away
    send(gina, QStringLiteral("lunch?"));
    SIM_COMPARE(m_lan, notified.count(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Gina"));

    // The user clicks the desktop's notification.
    auto* systemTray = tray->findChild<QSystemTrayIcon*>();
    QVERIFY(systemTray != nullptr);
    emit systemTray->messageClicked();
    QVERIFY(m_window->isVisible());
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(gina.id));
    QCOMPARE(m_window->header()->title(), QStringLiteral("Gina"));
    SIM_COMPARE(m_lan, unreadOf(gina.id), std::optional<int>(0));
    SIM_VERIFY(m_lan, m_window->conversationModel()->rowCount() == 1);
    // Back to Bob's conversation, loaded, for the tests that follow. The
    // offscreen platform kept the hidden window as its focus window, so the
    // widgets never heard it come back: another window takes the focus and
    // gives it back.
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, !m_window->conversationModel()->isLoading());
    QWidget other;
    other.show();
    other.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&other, confab::test::kPatienceMs));
    other.hide();
    m_window->activateWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isActiveWindow(), confab::test::kPatienceMs);
}

void MainWindowTest::aMessageTooLongIsRefusedAndStaysInTheComposer()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::Composer* composer = m_window->composer();
    QLabel* error = m_window->sendError();
    QVERIFY(error->isHidden());
    const int rows = m_window->conversationModel()->rowCount();
    const std::size_t bobHad = m_bobStored.size();

    // 33 KiB: over the 32 KiB a message may carry.
    const QString tooLong = QString(qsizetype{33} * 1024, QLatin1Char('x'));
    QVERIFY(static_cast<std::size_t>(tooLong.toUtf8().size()) > proto::kMaxTextBytes);
    composer->setFocus();
    composer->setPlainText(tooLong);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, error->isVisible());
    // Nothing typed is lost, and the window says why, in words, under the composer.
    QCOMPARE(composer->toPlainText(), tooLong);
    QVERIFY2(error->text().contains(QStringLiteral("too long")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QStringLiteral("Send it in parts")), qPrintable(error->text()));
    QVERIFY(error->wordWrap());
    QVERIFY(!error->accessibleName().isEmpty());
    m_lan.runFor(1000);
    QCOMPARE(m_window->conversationModel()->rowCount(), rows);
    QCOMPARE(m_bobStored.size(), bobHad);

    // Shortened, it goes: the reason goes away with the edit, the composer
    // empties once the node has stored the message, and Bob gets it.
    const QString fits = tooLong.left(static_cast<qsizetype>(proto::kMaxTextBytes));
    composer->setPlainText(fits);
    QVERIFY(error->isHidden());
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_COMPARE(m_lan, composer->toPlainText(), QString());
    QVERIFY(error->isHidden());
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), rows + 1);
    SIM_VERIFY(m_lan, bobStoredFromAlice(fits));
}

void MainWindowTest::textChangedWhileSendingIsKept()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::Composer* composer = m_window->composer();
    const int rows = m_window->conversationModel()->rowCount();
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("sent"));
    QTest::keyClick(composer, Qt::Key_Return);
    // Typed before the node has answered: not part of the message, and not cleared with it.
    QTest::keyClicks(composer, QStringLiteral(" and more"));
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), rows + 1);
    QCOMPARE(m_window->conversationModel()->index(rows).data().toString(), QStringLiteral("sent"));
    m_lan.runFor(1000);
    QCOMPARE(composer->toPlainText(), QStringLiteral("sent and more"));
    composer->clear();
}

void MainWindowTest::openingAConversationReadsItWithOneReceipt()
{
    constexpr int kMessages = 25;
    // Carol writes while the window shows Bob's conversation: all unread.
    ui::test::SimLan::Peer& carol = m_lan.addPeer(QStringLiteral("Carol"));
    QVERIFY(m_lan.start(carol, {m_alice.endpoint()}));
    QVERIFY(m_window->selectPeer(m_bob.id));
    std::set<MessageId> sent;
    std::set<MessageId> delivered;
    std::set<MessageId> read;
    int readChanges = 0;
    QObject context; // the connections end with this test
    connect(&carol.client->events(), &api::NodeEvents::messageStored, &context,
            [&sent](const api::StoredMessage& message) { sent.insert(message.id); });
    connect(&carol.client->events(), &api::NodeEvents::messageStateChanged, &context,
            [&](const api::StoredMessage& message) {
                if (message.state == api::MessageState::Delivered) {
                    delivered.insert(message.id);
                } else if (message.state == api::MessageState::Read) {
                    read.insert(message.id);
                    ++readChanges;
                }
            });
    SIM_VERIFY(m_lan, unreadOf(carol.id).has_value());
    for (int i = 0; i < kMessages; ++i) {
        send(carol, QStringLiteral("note %1").arg(i));
    }
    SIM_COMPARE(m_lan, unreadOf(carol.id), std::optional<int>(kMessages));
    SIM_COMPARE(m_lan, delivered.size(), std::size_t{kMessages});
    QCOMPARE(sent, delivered);
    QVERIFY(read.empty());

    // Opening the conversation marks all of it read at once: one Read
    // receipt on the wire from the window's node to Carol, carrying every id
    // (16 bytes each). The link writes each frame in one write; pings and
    // their answers are smaller than any envelope, so every write to Carol
    // of an envelope's size or more is a receipt here.
    const std::size_t wroteBefore = m_alice.wire->writes().size();
    QVERIFY(m_window->selectPeer(carol.id));
    SIM_COMPARE(m_lan, read.size(), std::size_t{kMessages});
    m_lan.runFor(1000);
    QCOMPARE(read, sent);
    QCOMPARE(readChanges, kMessages);
    constexpr std::size_t kOneIdEnvelope = proto::Envelope::kHeaderSize + MessageId::kSize;
    std::vector<std::size_t> envelopesToCarol;
    for (std::size_t i = wroteBefore; i < m_alice.wire->writes().size(); ++i) {
        const ui::test::WireTap::Write& write = m_alice.wire->writes()[i];
        if (write.to == carol.address && write.bytes >= kOneIdEnvelope) {
            envelopesToCarol.push_back(write.bytes);
        }
    }
    QCOMPARE(envelopesToCarol.size(), std::size_t{1});
    QVERIFY2(envelopesToCarol.front() >=
                 proto::Envelope::kHeaderSize + std::size_t{kMessages} * MessageId::kSize,
             qPrintable(QStringLiteral("%1 bytes").arg(envelopesToCarol.front())));
    QCOMPARE(unreadOf(carol.id), std::optional<int>(0));
    // The open conversation shows them read as well: none still says "new".
    const ui::ConversationModel* model = m_window->conversationModel();
    QCOMPARE(model->rowCount(), kMessages);
    const QString readText = ui::ConversationModel::stateText(api::MessageState::ReadIncoming);
    for (int row = 0; row < kMessages; ++row) {
        QCOMPARE(model->index(row).data(ui::ConversationModel::StateTextRole).toString(), readText);
    }
}

void MainWindowTest::queuedMessagesSayThatThePeerIsOffline()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    QVERIFY(m_window->queuedNotice()->isHidden()); // Bob is online
    ui::test::SimLan::stop(m_bob);
    SIM_VERIFY(m_lan, m_window->queuedNotice()->isVisible());
    QVERIFY(m_window->queuedNotice()->text().contains(QStringLiteral("Bob is offline")));
    QVERIFY(m_window->header()->findChildren<QLabel*>().size() >= 3);

    const int before = m_window->conversationModel()->rowCount();
    m_window->composer()->setFocus();
    QTest::keyClicks(m_window->composer(), QStringLiteral("for later"));
    QTest::keyClick(m_window->composer(), Qt::Key_Return);
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), before + 1);
    const QModelIndex last = m_window->conversationModel()->index(before);
    // Earlier cases left other peers online: one of them takes it and holds
    // it for Bob (store and forward), so it is relayed rather than queued.
    SIM_COMPARE(m_lan, last.data(ui::ConversationModel::StateTextRole).toString(), QStringLiteral("relayed"));
    QVERIFY(last.data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("passes it on when they are reachable")));
    SIM_VERIFY(m_lan, statusText().contains(QStringLiteral("Bob is offline")));
}

void MainWindowTest::rightToLeftTextIsAlignedRightInTheComposer()
{
    ui::Composer* composer = m_window->composer();
    const auto firstLine = [composer] {
        const QTextLayout* layout = composer->document()->firstBlock().layout();
        return layout != nullptr && layout->lineCount() > 0 ? layout->lineAt(0).naturalTextRect() : QRectF();
    };
    const qreal width = composer->viewport()->width();
    // Hebrew: "Hello, how are you today?" — the line ends at the right edge.
    composer->setPlainText(QStringLiteral("שלום, מה שלומך היום?"));
    QTRY_VERIFY_WITH_TIMEOUT(firstLine().isValid(), confab::test::kPatienceMs);
    QVERIFY2(firstLine().right() > width - 12 && firstLine().left() > width / 3,
             qPrintable(
                 QStringLiteral("%1..%2 of %3").arg(firstLine().left()).arg(firstLine().right()).arg(width)));
    // Arabic too, after Latin text was there.
    composer->setPlainText(QStringLiteral("see you soon"));
    QTRY_VERIFY_WITH_TIMEOUT(firstLine().isValid() && firstLine().left() < 12, confab::test::kPatienceMs);
    composer->setPlainText(QStringLiteral("مرحبا، كيف حالك؟"));
    QTRY_VERIFY_WITH_TIMEOUT(firstLine().isValid() && firstLine().right() > width - 12 &&
                                 firstLine().left() > width / 3,
                             confab::test::kPatienceMs);
    composer->clear();
}

void MainWindowTest::anEmptyConversationIsNoTabStop()
{
    // Hana is online and has written nothing yet: her conversation is empty.
    ui::test::SimLan::Peer& hana = m_lan.addPeer(QStringLiteral("Hana"));
    QVERIFY(m_lan.start(hana, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, unreadOf(hana.id).has_value());
    QVERIFY(m_window->selectPeer(hana.id));
    SIM_VERIFY(m_lan, !m_window->conversationModel()->isLoading());
    QCOMPARE(m_window->conversationModel()->rowCount(), 0);
    ui::ConversationView* view = m_window->conversationView();
    QVERIFY(!(view->focusPolicy() & Qt::TabFocus));
    // Tab goes from the header's last button straight to the message box.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->header()->detailsButton()->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(),
                              static_cast<QWidget*>(m_window->header()->detailsButton()),
                              confab::test::kPatienceMs);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->composer()));

    // Once there is a message, the conversation is a Tab stop again.
    send(hana, QStringLiteral("hi"));
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), 1);
    QVERIFY(view->focusPolicy() & Qt::TabFocus);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(view));
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, !m_window->conversationModel()->isLoading());
}

namespace {

double luminance(const QColor& colour)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

// WCAG contrast ratio, 1 (none) to 21.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

void MainWindowTest::theFocusedPeerIsClearlyMarked()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QListView* list = m_window->peerList();
    const QModelIndex index = list->currentIndex();
    const QRect row = list->visualRect(index);
    // The row as drawn, with the keyboard in the list or in the filter.
    const auto draw = [&](bool focused) {
        QWidget* target = focused ? static_cast<QWidget*>(list) : m_window->filterBox();
        target->setFocus(Qt::OtherFocusReason);
        return QTest::qWaitFor([target] { return target->hasFocus(); }, confab::test::kPatienceMs)
                   ? list->viewport()->grab(row).toImage().convertToFormat(QImage::Format_RGB32)
                   : QImage();
    };
    for (const bool selected : {true, false}) {
        list->selectionModel()->select(index, selected ? QItemSelectionModel::Select
                                                       : QItemSelectionModel::Deselect);
        const QImage plain = draw(false);
        const QImage focused = draw(true);
        QVERIFY(!plain.isNull() && plain.size() == focused.size());
        int changed = 0;
        int contrasting = 0;
        for (int y = 0; y < plain.height(); ++y) {
            for (int x = 0; x < plain.width(); ++x) {
                const QColor before = plain.pixelColor(x, y);
                const QColor after = focused.pixelColor(x, y);
                if (before != after) {
                    ++changed;
                    contrasting += contrast(before, after) >= 3.0 ? 1 : 0;
                }
            }
        }
        // A solid ring two pixels wide all round, standing out (3:1, as
        // WCAG asks of focus indicators) from what it is drawn over.
        const int ring = 2 * 2 * (plain.width() + plain.height()) - 16;
        QVERIFY2(changed >= ring * 9 / 10,
                 qPrintable(QStringLiteral("%1 of %2 pixels").arg(changed).arg(ring)));
        QVERIFY2(
            contrasting >= changed * 9 / 10,
            qPrintable(QStringLiteral("%1 of %2 changed pixels contrast").arg(contrasting).arg(changed)));
    }
    list->selectionModel()->select(index, QItemSelectionModel::Select);
}

void MainWindowTest::theTimeOfAVeryLongMessageStaysInSight()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, !m_window->conversationModel()->isLoading());
    ui::ConversationView* view = m_window->conversationView();
    view->scrollToBottom(); // reading the newest messages
    QString text;
    while (text.size() < 30000) {
        text += QStringLiteral("lorem ipsum dolor sit amet ");
    }
    text.truncate(30000);
    const int before = m_window->conversationModel()->rowCount();
    // Sent from here (Bob is offline by now: it waits in the queue).
    m_alice.client->call([to = m_bob.id, text](api::Node& node) { node.sendText(to, text); });
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), before + 1);
    const QModelIndex message = m_window->conversationModel()->index(before);
    const QRect inSight = view->viewport()->rect();
    QTRY_VERIFY_WITH_TIMEOUT(view->visualRect(message).height() > 3 * inSight.height(),
                             confab::test::kPatienceMs);
    // The view follows it to the bottom: its end, with the time and state.
    QTRY_VERIFY_WITH_TIMEOUT(inSight.contains(view->metaRect(message)), confab::test::kPatienceMs);

    // Going to it as the keyboard does from above puts its start in sight;
    // its time and state stay in sight too, at the bottom edge.
    view->verticalScrollBar()->setValue(0);
    view->setCurrentIndex(message);
    QTRY_VERIFY_WITH_TIMEOUT(view->visualRect(message).top() >= 0 &&
                                 view->visualRect(message).top() < inSight.height() / 2,
                             confab::test::kPatienceMs);
    QVERIFY2(inSight.contains(view->metaRect(message)),
             qPrintable(
                 QStringLiteral("at %1 of 0..%2").arg(view->metaRect(message).top()).arg(inSight.bottom())));
    // Half way through, too.
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() +
                                        view->visualRect(message).height() / 2);
    QVERIFY(inSight.contains(view->metaRect(message)));
    // At its end they sit under the text again, where they belong.
    view->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(view->visualRect(message).bottom() <= inSight.bottom() + 1,
                             confab::test::kPatienceMs);
    QVERIFY(inSight.contains(view->metaRect(message)));
    QVERIFY(view->metaRect(message).bottom() >
            view->visualRect(message).bottom() - 3 * view->fontMetrics().height());
}

void MainWindowTest::settingsShowOnlyOnceTheyHoldTheSavedChoices()
{
    // A dialog shown before its settings arrive would let a quick user's
    // keys be overwritten by them.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier);
    ui::SettingsDialog* dialog = m_window->settingsDialog();
    QVERIFY(dialog != nullptr);
    // Notes whether the dialog showed the saved settings when it first showed.
    struct ShowWatch : QObject {
        explicit ShowWatch(ui::SettingsDialog* watched) : QObject(watched), dialog(watched)
        {
            dialog->installEventFilter(this);
        }
        bool eventFilter(QObject* /*watched*/, QEvent* event) override
        {
            if (event->type() == QEvent::Show && !loadedWhenShown.has_value()) {
                loadedWhenShown = dialog->isLoaded();
            }
            return false;
        }
        ui::SettingsDialog* dialog;
        std::optional<bool> loadedWhenShown;
    };
    const auto* watch = new ShowWatch(dialog);
    QVERIFY(!dialog->isVisible()); // not before the node answered
    SIM_VERIFY(m_lan, dialog->isVisible());
    QCOMPARE(watch->loadedWhenShown, std::optional<bool>(true));
    dialog->reject();
    SIM_VERIFY(m_lan, m_window->settingsDialog() == nullptr);
}

void MainWindowTest::closingWithoutATrayQuits()
{
    // The offscreen platform has no system tray, like a desktop without one.
    ui::MainWindow window(*m_alice.client);
    QVERIFY(!window.trayIcon()->showIfAvailable());
    window.show();
    QSignalSpy quit(&window, &ui::MainWindow::quitRequested);
    QVERIFY(window.close());
    QCOMPARE(quit.count(), 1);
}

void MainWindowTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
