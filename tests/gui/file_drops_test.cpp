// File drops in the window against a second real node on 127.0.0.1: the
// offer's card in the conversation (who, what, how big, whether the sender
// is verified), Accept, Accept To and Decline by mouse and keyboard, the
// progress a card shows, files dropped on the conversation and on a peer, a
// refused send, the automatic accepting of verified contacts' drops, and the
// notifications of drops offered and received while the window is away.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "support/wait.h"
#include "transfer_actions.h"
#include "transfer_text.h"
#include "widgets/composer.h"
#include "widgets/conversation_view.h"
#include "widgets/main_window.h"
#include "widgets/tray_icon.h"

#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QMimeData>
#include <QTimer>
#include <QTranslator>
#include <QUrl>

#include <algorithm>

using namespace confab;
using ui::TransferAction;

class FileDropsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void anOfferSaysWhoSendsWhatHowBigAndWhetherTheyAreVerified();
    void acceptFetchesTheFilesAndTheCardSaysWhere();
    void acceptToSavesWhereTheUserChooses();
    void theMenuKeyDeclinesAnOffer();
    void enterAcceptsTheOfferOnTheCurrentRow();
    void progressShowsBytesSpeedTimeLeftAndProblemsInTimeOrder();
    void aDropOlderThanTheNewestPageShowsWithTheOlderPage();
    void filesDroppedOnTheConversationGoToItsPeer();
    void filesDroppedOnAPeerGoToThatPeer();
    void aRefusedSendSaysWhy();
    void verifiedContactsDropsAreAcceptedOnceTheSettingIsOn();
    void anOfferWhileAwayNotifies();
    void cleanupTestCase();

private:
    // A file of `bytes` bytes under the test's folder, by absolute path.
    QString makeFile(const QString& name, qint64 bytes);
    // Bob offers `paths` to Alice; the drop's id ("" if he could not).
    QString bobSends(const QStringList& paths);
    QString aliceSends(const QStringList& paths);
    // The drop's row in the open conversation, once it shows in `state`.
    std::optional<int> waitForCard(const QString& id, const QString& state);
    [[nodiscard]] std::optional<int> rowOf(const QString& id) const;
    [[nodiscard]] api::TransferView cardAt(int row) const;
    // Bob's side of a drop, as his node has it.
    std::optional<api::TransferView> bobsView(const QString& id);
    void clickCardButton(int row, TransferAction action);
    // Moves the keyboard to the conversation's last row, as End does.
    void focusLastRow();
    // The newest line of Bob's row in the peer list.
    [[nodiscard]] QString previewOfBob() const;

    QTemporaryDir m_dir;
    QTranslator m_english;
    QString m_aliceDownloads;
    ui::test::HostedNode m_alice;
    ui::test::HostedNode m_bob;
    std::unique_ptr<ui::MainWindow> m_window;
};

QString FileDropsTest::makeFile(const QString& name, qint64 bytes)
{
    QString path = m_dir.filePath(QStringLiteral("source/") + name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QString();
    }
    QByteArray content(static_cast<qsizetype>(bytes), 'x');
    for (qsizetype i = 0; i < content.size(); ++i) {
        content[i] = static_cast<char>('a' + i % 26);
    }
    file.write(content);
    return path;
}

void FileDropsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(ui::test::installEnglish(m_english)); // "1 file", not "1 file(s)"
    m_aliceDownloads = m_dir.filePath(QStringLiteral("alice-downloads"));
    QVERIFY(QDir().mkpath(m_aliceDownloads));
    api::NodeConfig alice =
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"));
    alice.downloadFolder = m_aliceDownloads;
    QVERIFY(m_alice.start(alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->nodeStarted({});
    m_window->resize(1000, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    api::NodeConfig bob = ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("bob")),
                                                       QStringLiteral("Bob"), {m_alice.status.listenAddress});
    bob.downloadFolder = m_dir.filePath(QStringLiteral("bob-downloads"));
    QVERIFY(QDir().mkpath(bob.downloadFolder));
    QVERIFY(m_bob.start(bob));

    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->rowOf(m_bob.id()).has_value(), test::kPatienceMs);
    const int row = *m_window->peerModel()->rowOf(m_bob.id());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool(),
                             test::kPatienceMs);
}

void FileDropsTest::init()
{
    QVERIFY(m_window->selectPeer(m_bob.id()));
    QTRY_VERIFY(!m_window->conversationModel()->isLoading());
    m_window->showAndRaise();
}

void FileDropsTest::cleanupTestCase()
{
    m_window.reset();
}

QString FileDropsTest::bobSends(const QStringList& paths)
{
    const auto sent = ui::test::ask(
        *m_bob.host, [to = m_alice.id(), paths](api::Node& node) { return node.sendFiles(to, paths); });
    if (!sent || !*sent) {
        qWarning() << "Bob could not send:" << (sent ? sent->error() : QStringLiteral("no answer"));
        return QString();
    }
    return sent->value().id;
}

QString FileDropsTest::aliceSends(const QStringList& paths)
{
    const auto sent = ui::test::ask(
        *m_alice.host, [to = m_bob.id(), paths](api::Node& node) { return node.sendFiles(to, paths); });
    return sent && *sent ? sent->value().id : QString();
}

std::optional<int> FileDropsTest::rowOf(const QString& id) const
{
    const ui::ConversationModel* model = m_window->conversationModel();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (const api::TransferView* drop = model->transferAt(row); drop && drop->id == id) {
            return row;
        }
    }
    return std::nullopt;
}

api::TransferView FileDropsTest::cardAt(int row) const
{
    const api::TransferView* drop = m_window->conversationModel()->transferAt(row);
    return drop ? *drop : api::TransferView{};
}

std::optional<int> FileDropsTest::waitForCard(const QString& id, const QString& state)
{
    const bool shown = test::waitUntil([&] {
        const std::optional<int> row = rowOf(id);
        return row && cardAt(*row).state == state;
    });
    if (!shown) {
        const std::optional<int> row = rowOf(id);
        qWarning() << "drop" << id << "is" << (row ? cardAt(*row).state : QStringLiteral("not shown"))
                   << "rather than" << state;
        return std::nullopt;
    }
    return rowOf(id);
}

std::optional<api::TransferView> FileDropsTest::bobsView(const QString& id)
{
    const auto view = ui::test::ask(*m_bob.host, [id](api::Node& node) { return node.transfer(id); });
    return view && *view ? std::optional(view->value()) : std::nullopt;
}

void FileDropsTest::clickCardButton(int row, TransferAction action)
{
    ui::ConversationView* view = m_window->conversationView();
    view->scrollTo(m_window->conversationModel()->index(row));
    QRect button;
    QVERIFY(QTest::qWaitFor([&] {
        button = view->transferButtonRect(row, action);
        return !button.isEmpty() && view->viewport()->rect().contains(button);
    }));
    QCOMPARE(view->transferActionAt(button.center()), std::optional(action));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, button.center());
}

QString FileDropsTest::previewOfBob() const
{
    const ui::PeerListModel* peers = m_window->peerModel();
    const std::optional<int> row = peers->rowOf(m_bob.id());
    return row ? peers->index(*row).data(ui::PeerListModel::PreviewTextRole).toString() : QString();
}

void FileDropsTest::focusLastRow()
{
    ui::ConversationView* view = m_window->conversationView();
    view->setFocus(Qt::TabFocusReason);
    QTest::keyClick(view, Qt::Key_End);
    QCOMPARE(view->currentIndex().row(), m_window->conversationModel()->rowCount() - 1);
}

void FileDropsTest::anOfferSaysWhoSendsWhatHowBigAndWhetherTheyAreVerified()
{
    QStringList paths;
    for (const QString& name : {QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt"),
                                QStringLiteral("d.txt"), QStringLiteral("e.txt")}) {
        paths << makeFile(QStringLiteral("five/") + name, 2048);
    }
    const QString id = bobSends(paths);
    QVERIFY(!id.isEmpty());
    const std::optional<int> row = waitForCard(id, QStringLiteral("offered"));
    QVERIFY(row);
    const QModelIndex index = m_window->conversationModel()->index(*row);
    const QString said = index.data(Qt::AccessibleTextRole).toString();
    QVERIFY2(said.contains(QStringLiteral("Bob sends you 5 files (10.0 KiB)")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("a.txt, b.txt, c.txt and 2 more")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("Bob is not verified")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("Waiting for you to accept")), qPrintable(said));
    QVERIFY(!index.data(ui::ConversationModel::OutgoingRole).toBool());
    // Bob's line in the peer list names it: it is the newest thing between them.
    QTRY_COMPARE(previewOfBob(), QStringLiteral("Sent you a.txt, b.txt, c.txt and 2 more"));
    // Accept, Accept To… and Decline are drawn on the card, where a click finds them.
    ui::ConversationView* view = m_window->conversationView();
    view->scrollTo(index);
    for (const TransferAction action :
         {TransferAction::Accept, TransferAction::AcceptTo, TransferAction::Decline}) {
        QTRY_VERIFY(!view->transferButtonRect(*row, action).isEmpty());
    }
    QVERIFY(view->transferButtonRect(*row, TransferAction::Pause).isEmpty());
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("file-offer.png")));

    // Once Alice has verified Bob, his next drop says so.
    QVERIFY(ui::test::ask(*m_alice.host,
                          [bob = m_bob.id()](api::Node& node) { return node.setVerified(bob, true); }));
    const QString again = bobSends({paths.first()});
    QVERIFY(!again.isEmpty());
    const std::optional<int> verifiedRow = waitForCard(again, QStringLiteral("offered"));
    QVERIFY(verifiedRow);
    const QString verified =
        m_window->conversationModel()->index(*verifiedRow).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(verified.contains(QStringLiteral("Bob sends you 1 file (2.0 KiB)")), qPrintable(verified));
    QVERIFY2(verified.contains(QStringLiteral("From a verified contact")), qPrintable(verified));
    QVERIFY(ui::test::ask(*m_alice.host,
                          [bob = m_bob.id()](api::Node& node) { return node.setVerified(bob, false); }));
}

void FileDropsTest::acceptFetchesTheFilesAndTheCardSaysWhere()
{
    const QString path = makeFile(QStringLiteral("report.pdf"), qint64{300} * 1024);
    const QString id = bobSends({path});
    const std::optional<int> row = waitForCard(id, QStringLiteral("offered"));
    QVERIFY(row);
    clickCardButton(*row, TransferAction::Accept);
    const std::optional<int> done = waitForCard(id, QStringLiteral("completed"));
    QVERIFY(done);
    QFile received(QDir(m_aliceDownloads).filePath(QStringLiteral("report.pdf")));
    QVERIFY(received.open(QIODevice::ReadOnly));
    QFile sent(path);
    QVERIFY(sent.open(QIODevice::ReadOnly));
    QCOMPARE(received.readAll(), sent.readAll());

    const QString said = m_window->conversationModel()->index(*done).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(said.contains(QStringLiteral("Received, saved in %1").arg(m_aliceDownloads)), qPrintable(said));
    // Open and Show in Folder, never opened by themselves.
    ui::ConversationView* view = m_window->conversationView();
    QTRY_VERIFY(!view->transferButtonRect(*done, TransferAction::Open).isEmpty());
    QVERIFY(!view->transferButtonRect(*done, TransferAction::ShowInFolder).isEmpty());
    QVERIFY(view->transferButtonRect(*done, TransferAction::Accept).isEmpty());
    QCOMPARE(ui::TransferActions::receivedPath(cardAt(*done)), received.fileName());
    QVERIFY(!cardAt(*done).fileHash.isEmpty()); // copyable from its menu
    QVERIFY(ui::TransferActions::menuActions(cardAt(*done)).back() == TransferAction::CopyHash);
    // Bob's side knows it arrived.
    const auto bobHasIt = [&] {
        const auto bobs = bobsView(id);
        return bobs && bobs->state == QLatin1String("completed");
    };
    QTRY_VERIFY_WITH_TIMEOUT(bobHasIt(), test::kPatienceMs);
    QCOMPARE(ui::TransferText::status(*bobsView(id)), QStringLiteral("Sent: Alice has it all."));
}

void FileDropsTest::acceptToSavesWhereTheUserChooses()
{
    const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkpath(elsewhere));
    const QString id = bobSends({makeFile(QStringLiteral("chosen.txt"), 1234)});
    const std::optional<int> row = waitForCard(id, QStringLiteral("offered"));
    QVERIFY(row);
    // The folder dialog runs its own loop: a timer in it chooses the folder.
    QString startedIn;
    QStringList chosen;
    QTimer chooser;
    connect(&chooser, &QTimer::timeout, this, [&] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr || !dialog->isVisible()) {
            return;
        }
        chooser.stop();
        startedIn = dialog->directory().absolutePath();
        // With nothing selected, a folder dialog chooses the folder it shows.
        dialog->setDirectory(elsewhere);
        chosen = dialog->selectedFiles();
        static_cast<QDialog*>(dialog)->accept(); // a public slot of QDialog
    });
    chooser.start(20);
    clickCardButton(*row, TransferAction::AcceptTo);
    QVERIFY(waitForCard(id, QStringLiteral("completed")));
    QCOMPARE(startedIn, m_aliceDownloads); // where the files would have gone
    QCOMPARE(chosen, QStringList{elsewhere});
    QVERIFY(QFile::exists(QDir(elsewhere).filePath(QStringLiteral("chosen.txt"))));
    QVERIFY(!QFile::exists(QDir(m_aliceDownloads).filePath(QStringLiteral("chosen.txt"))));
}

void FileDropsTest::theMenuKeyDeclinesAnOffer()
{
    const QString id = bobSends({makeFile(QStringLiteral("unwanted.bin"), 1000)});
    QVERIFY(waitForCard(id, QStringLiteral("offered")));
    focusLastRow();
    QStringList offered;
    // The menu runs its own loop: choose Decline (D) from inside it.
    QTimer::singleShot(0, this, [&offered] {
        QMenu* menu = nullptr;
        if (!QTest::qWaitFor([&menu] {
                menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
                return menu != nullptr && menu->isVisible();
            })) {
            return;
        }
        for (const QAction* action : menu->actions()) {
            offered << action->text();
        }
        QTest::keyClick(menu, Qt::Key_D);
    });
    QTest::keyClick(m_window->conversationView(), Qt::Key_Menu);
    QVERIFY2(offered.contains(QStringLiteral("&Decline")), qPrintable(offered.join(QLatin1Char('|'))));
    QVERIFY(offered.contains(QStringLiteral("&Accept")));
    QVERIFY(offered.contains(QStringLiteral("Accept &To…")));
    QVERIFY(waitForCard(id, QStringLiteral("declined")));
    const auto bobWasDeclined = [&] {
        const auto view = bobsView(id);
        return view && view->state == QLatin1String("declined");
    };
    QTRY_VERIFY_WITH_TIMEOUT(bobWasDeclined(), test::kPatienceMs);
    QVERIFY(!QFile::exists(QDir(m_aliceDownloads).filePath(QStringLiteral("unwanted.bin"))));
}

void FileDropsTest::enterAcceptsTheOfferOnTheCurrentRow()
{
    const QString path = makeFile(QStringLiteral("notes/by-keyboard.txt"), 5000);
    const QString folder = QFileInfo(path).absolutePath();
    const QString id = bobSends({folder});
    QVERIFY(waitForCard(id, QStringLiteral("offered")));
    focusLastRow();
    QTest::keyClick(m_window->conversationView(), Qt::Key_Return);
    QVERIFY(waitForCard(id, QStringLiteral("completed")));
    QVERIFY(QFile::exists(QDir(m_aliceDownloads).filePath(QStringLiteral("notes/by-keyboard.txt"))));
}

void FileDropsTest::progressShowsBytesSpeedTimeLeftAndProblemsInTimeOrder()
{
    // Two messages a moment apart, and a drop made between them.
    ui::ConversationModel* model = m_window->conversationModel();
    for (const QString& text : {QStringLiteral("before the drop"), QStringLiteral("after the drop")}) {
        QTest::qWait(20);
        m_window->composer()->setPlainText(text);
        m_window->composer()->submit();
        QTRY_COMPARE(model->index(model->rowCount() - 1).data().toString(), text);
    }
    const auto stored =
        ui::test::ask(*m_alice.host, [bob = m_bob.id()](api::Node& node) { return node.history(bob, 1); });
    QVERIFY(stored && stored->size() == 1);
    QCOMPARE(stored->front().body, QStringLiteral("after the drop"));

    api::TransferView drop;
    drop.id = QStringLiteral("00112233445566778899aabbccddeeff");
    drop.peer = m_bob.id();
    drop.peerName = QStringLiteral("Bob");
    drop.outgoing = false;
    drop.state = QStringLiteral("transferring");
    drop.names = {QStringLiteral("holiday.mkv")};
    drop.fileCount = 1;
    drop.totalBytes = quint64{4} * 1024 * 1024;
    drop.bytesDone = quint64{1024} * 1024;
    drop.bytesPerSecond = 512.0 * 1024;
    drop.createdMs = stored->front().storedMs - 1;
    model->onTransferChanged(drop);
    const std::optional<int> row = rowOf(drop.id);
    QVERIFY(row);
    QCOMPARE(model->index(*row - 1).data().toString(), QStringLiteral("before the drop"));
    QCOMPARE(model->index(*row + 1).data().toString(), QStringLiteral("after the drop"));
    QString said = model->index(*row).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(said.contains(QStringLiteral("Receiving")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("1.0 MiB of 4.0 MiB · 512.0 KiB/s · about 6 s left")),
             qPrintable(said));
    ui::ConversationView* view = m_window->conversationView();
    view->scrollTo(model->index(*row));
    QTRY_VERIFY(!view->transferButtonRect(*row, TransferAction::Pause).isEmpty());
    QVERIFY(!view->transferButtonRect(*row, TransferAction::Cancel).isEmpty());
    QVERIFY(view->transferButtonRect(*row, TransferAction::Accept).isEmpty());
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("file-progress.png")));

    // Paused by Bob, with his disk full: said in words, and Resume is not ours to press.
    const int shorter = view->visualRect(model->index(*row)).height();
    drop.pausedThere = true;
    drop.problem = QStringLiteral("Bob's disk is full.");
    model->onTransferChanged(drop);
    QCOMPARE(rowOf(drop.id), row);
    // The card grew by the problem's line, and the message below it moved down.
    QTRY_VERIFY(view->visualRect(model->index(*row)).height() > shorter);
    QCOMPARE(view->visualRect(model->index(*row + 1)).top(),
             view->visualRect(model->index(*row)).bottom() + 1);
    said = model->index(*row).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(said.contains(QStringLiteral("Paused by Bob.")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("Bob's disk is full.")), qPrintable(said));
    QVERIFY2(!said.contains(QStringLiteral("left")), qPrintable(said)); // no time left while nothing flows
    // Paused here: Resume instead of Pause.
    drop.pausedThere = false;
    drop.problem.clear();
    drop.pausedHere = true;
    model->onTransferChanged(drop);
    QCOMPARE(ui::TransferActions::primaryAction(drop), std::optional(TransferAction::Resume));
    QTRY_VERIFY(!view->transferButtonRect(*row, TransferAction::Resume).isEmpty());
    QVERIFY(view->transferButtonRect(*row, TransferAction::Pause).isEmpty());
    QVERIFY(model->index(*row)
                .data(Qt::AccessibleTextRole)
                .toString()
                .contains(QStringLiteral("Paused by you.")));
}

void FileDropsTest::aDropOlderThanTheNewestPageShowsWithTheOlderPage()
{
    const QString id = bobSends({makeFile(QStringLiteral("old-news.txt"), 100)});
    QVERIFY(waitForCard(id, QStringLiteral("offered")));
    // More messages after it than one page holds.
    const int later = ui::ConversationModel::kPageSize + 5;
    m_bob.host->call([alice = m_alice.id(), later](api::Node& node) {
        for (int i = 0; i < later; ++i) {
            node.sendText(alice, QStringLiteral("later %1").arg(i));
        }
    });
    const auto arrived = [&] {
        const auto newest = ui::test::ask(
            *m_alice.host, [bob = m_bob.id()](api::Node& node) { return node.history(bob, 1); });
        return newest && newest->size() == 1 &&
               newest->front().body == QStringLiteral("later %1").arg(later - 1);
    };
    QTRY_VERIFY_WITH_TIMEOUT(arrived(), test::kPatienceMs);

    // Opened again, the conversation shows the newest page: the drop is not in it...
    ui::ConversationModel* model = m_window->conversationModel();
    model->setPeer(m_bob.id());
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(rowOf(id), std::nullopt);
    QVERIFY(model->canLoadOlder());
    // ...until the page that reaches back to it is loaded: then it is there,
    // right before "later 0", the first message sent after it.
    model->loadOlder();
    QTRY_VERIFY(rowOf(id).has_value());
    const int row = *rowOf(id);
    QCOMPARE(model->index(row + 1).data().toString(), QStringLiteral("later 0"));
}

void FileDropsTest::filesDroppedOnTheConversationGoToItsPeer()
{
    const QString file = makeFile(QStringLiteral("dropped/photo.jpg"), 4000);
    const QString folder = QFileInfo(makeFile(QStringLiteral("dropped/album/one.jpg"), 100)).absolutePath();
    ui::ConversationView* view = m_window->conversationView();
    ui::test::dropFiles(view->viewport(), view->viewport()->rect().center(), {file, folder});
    // Alice's node made the drop with those paths: its card shows in the conversation.
    const QStringList names{QStringLiteral("photo.jpg"), QStringLiteral("album")};
    const auto shown = [&] {
        const int last = m_window->conversationModel()->rowCount() - 1;
        const api::TransferView* drop = m_window->conversationModel()->transferAt(last);
        return drop && drop->outgoing && drop->peer == m_bob.id() && drop->names == names;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown(), test::kPatienceMs);
    QTRY_COMPARE(previewOfBob(), QStringLiteral("You sent photo.jpg, album"));
}

void FileDropsTest::filesDroppedOnAPeerGoToThatPeer()
{
    // With no conversation open, the drop on Bob's row goes to Bob and opens his conversation.
    const QString file = makeFile(QStringLiteral("on-peer/plan.odt"), 3000);
    QListView* peers = m_window->peerList();
    const QModelIndex bob = peers->model()->index(*m_window->peerModel()->rowOf(m_bob.id()), 0);
    const QRect rect = peers->visualRect(bob);
    QVERIFY(!rect.isEmpty());
    ui::test::dropFiles(peers->viewport(), rect.center(), {file});
    QCOMPARE(m_window->currentPeer(), std::optional(m_bob.id()));
    const auto sent = [&] {
        const auto all = ui::test::ask(*m_alice.host, [](api::Node& node) { return node.transfers(); });
        return all && std::any_of(all->begin(), all->end(), [&](const api::TransferView& drop) {
                   return drop.outgoing && drop.peer == m_bob.id() &&
                          drop.names == QStringList{QStringLiteral("plan.odt")};
               });
    };
    QTRY_VERIFY_WITH_TIMEOUT(sent(), test::kPatienceMs);
    // Below the last peer there is nobody to drop on: the drag says so.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    const QPoint nowhere(rect.center().x(), peers->viewport()->height() - 2);
    QVERIFY(!peers->indexAt(nowhere).isValid());
    QDragEnterEvent enter(nowhere, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(peers->viewport(), &enter);
    QDragMoveEvent move(nowhere, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(peers->viewport(), &move);
    QVERIFY(!move.isAccepted());
}

void FileDropsTest::aRefusedSendSaysWhy()
{
    const QString missing = m_dir.filePath(QStringLiteral("source/not-there.txt"));
    ui::ConversationView* view = m_window->conversationView();
    ui::test::dropFiles(view->viewport(), view->viewport()->rect().center(), {missing});
    QTRY_VERIFY(m_window->sendError()->isVisible());
    QVERIFY2(m_window->sendError()->text().startsWith(QStringLiteral("Not sent: ")),
             qPrintable(m_window->sendError()->text()));
    QVERIFY2(m_window->sendError()->text().contains(QStringLiteral("not-there.txt")),
             qPrintable(m_window->sendError()->text()));
}

void FileDropsTest::verifiedContactsDropsAreAcceptedOnceTheSettingIsOn()
{
    QVERIFY(ui::test::ask(*m_alice.host,
                          [bob = m_bob.id()](api::Node& node) { return node.setVerified(bob, true); }));
    const auto on = ui::test::ask(*m_alice.host, [](api::Node& node) {
        api::ProfileSettings settings = node.settings();
        settings.autoAcceptVerified = true;
        return node.saveSettings(settings);
    });
    QVERIFY(on && *on);
    const QString id = bobSends({makeFile(QStringLiteral("trusted.txt"), 700)});
    QVERIFY(waitForCard(id, QStringLiteral("completed"))); // nobody pressed anything
    QVERIFY(QFile::exists(QDir(m_aliceDownloads).filePath(QStringLiteral("trusted.txt"))));

    // Never from a peer who is not verified.
    QVERIFY(ui::test::ask(*m_alice.host,
                          [bob = m_bob.id()](api::Node& node) { return node.setVerified(bob, false); }));
    const QString unverified = bobSends({makeFile(QStringLiteral("untrusted.txt"), 700)});
    QVERIFY(waitForCard(unverified, QStringLiteral("offered")));
    QTest::qWait(500);
    QCOMPARE(cardAt(*rowOf(unverified)).state, QStringLiteral("offered"));
    const auto off = ui::test::ask(*m_alice.host, [](api::Node& node) {
        api::ProfileSettings settings = node.settings();
        settings.autoAcceptVerified = false;
        return node.saveSettings(settings);
    });
    QVERIFY(off && *off);
}

void FileDropsTest::anOfferWhileAwayNotifies()
{
    QSignalSpy notified(m_window->trayIcon(), &ui::TrayIcon::notified);
    m_window->hide(); // away: in the tray, or minimised
    const QString id = bobSends({makeFile(QStringLiteral("while-away.txt"), 100)});
    QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), test::kPatienceMs);
    QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Files from Bob"));
    QVERIFY2(notified.first().at(1).toString().contains(QStringLiteral("while-away.txt")),
             qPrintable(notified.first().at(1).toString()));
    // Its arrival, once accepted (from confabctl, say), notifies too.
    QVERIFY(ui::test::ask(*m_alice.host,
                          [id](api::Node& node) { return bool(node.acceptTransfer(id, QString())); }));
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, test::kPatienceMs);
    QCOMPARE(notified.last().at(0).toString(), QStringLiteral("Files received"));
    m_window->showAndRaise();
    // Not while the window is in front: the conversation shows it.
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const QString seen = bobSends({makeFile(QStringLiteral("while-here.txt"), 100)});
    QVERIFY(waitForCard(seen, QStringLiteral("offered")));
    QCOMPARE(notified.size(), 2);
}

QTEST_MAIN(FileDropsTest)
#include "file_drops_test.moc"
