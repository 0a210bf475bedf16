// The user edits and deletes their own messages for everyone: from the
// conversation's context menu (Edit, Delete for Everyone…) or with Up in the
// empty composer; the composer edits in place of the draft, which comes back
// afterwards; a deletion is confirmed first. Edits and deletions, the
// user's or the peer's, show in the conversation and the peer list. Against
// a peer on a simulated LAN.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "message_changes.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "proto/limits.h"
#include "widgets/composer.h"
#include "widgets/conversation_view.h"
#include "widgets/editing_bar.h"
#include "widgets/main_window.h"

#include <QAbstractButton>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

#include <optional>

using namespace confab;

class MessageChangesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void onlyOwnMessagesOfferEditAndDelete();
    void editingInTheComposerChangesTheMessageForEveryone();
    void escapeOrCancelLeavesTheMessageAndBringsBackTheDraft();
    void upInTheEmptyComposerEditsTheNewestOwnMessage();
    void aRefusedEditIsToldAndKeptForAnotherTry();
    void deletingAsksFirstThenDeletesForEveryone();
    void thePeersEditsAndDeletionsShowInTheRow();
    void cleanupTestCase();

private:
    [[nodiscard]] ui::ConversationModel* model() const { return m_window->conversationModel(); }
    // The row of the newest message with `body`, if one is shown.
    [[nodiscard]] std::optional<int> rowOf(const QString& body) const;
    [[nodiscard]] QModelIndex indexOf(const QString& body) const;
    // Sends `text` as the user does (typed, Enter) and waits until it shows.
    void send(const QString& text);
    // Bob sends `text` and waits until it shows in the window.
    void receive(const QString& text);
    // Opens the context menu on the message in `row` with the Menu key and
    // returns its entries; then presses `choose` (an entry's letter) in it,
    // or Escape.
    QStringList menuOn(int row, Qt::Key choose = Qt::Key_Escape);
    // What Bob's node has for the message (the same id on both sides).
    [[nodiscard]] std::optional<api::StoredMessage> bobsCopy(const MessageId& id) const;
    [[nodiscard]] bool bobSeesAliceTyping() const;
    [[nodiscard]] QString bobsPreview() const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void MessageChangesTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 1 && m_window->peerModel()->at(0).view.connected);
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, m_window->composer()->isEnabled());
}

void MessageChangesTest::init()
{
    ui::Composer* composer = m_window->composer();
    composer->endEditing();
    composer->clear();
    composer->setFocus();
    if (ui::MessageChanges* changes = m_window->messageChanges(); changes->confirmation()) {
        changes->confirmation()->reject();
    }
}

std::optional<int> MessageChangesTest::rowOf(const QString& body) const
{
    for (int row = model()->rowCount() - 1; row >= 0; --row) {
        const api::StoredMessage* message = model()->messageInRow(row);
        if (message != nullptr && message->body == body) {
            return row;
        }
    }
    return std::nullopt;
}

QModelIndex MessageChangesTest::indexOf(const QString& body) const
{
    const std::optional<int> row = rowOf(body);
    return row ? model()->index(*row) : QModelIndex();
}

void MessageChangesTest::send(const QString& text)
{
    ui::Composer* composer = m_window->composer();
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(text).has_value() && composer->toPlainText().isEmpty());
}

void MessageChangesTest::receive(const QString& text)
{
    m_bob.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
    SIM_VERIFY(m_lan, rowOf(text).has_value());
}

QStringList MessageChangesTest::menuOn(int row, Qt::Key choose)
{
    ui::ConversationView* view = m_window->conversationView();
    view->setFocus();
    view->setCurrentIndex(model()->index(row));
    QStringList entries;
    // The menu runs its own loop: read it and choose from inside that loop.
    QTimer::singleShot(0, this, [&entries, choose] {
        QMenu* menu = nullptr;
        if (!QTest::qWaitFor([&menu] {
                menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
                return menu != nullptr && menu->isVisible();
            })) {
            return;
        }
        for (const QAction* action : menu->actions()) {
            if (!action->isSeparator()) {
                entries << action->text();
            }
        }
        QTest::keyClick(menu, choose);
    });
    QTest::keyClick(view, Qt::Key_Menu);
    m_lan.runFor(0); // what was chosen happens once the menu has closed
    return entries;
}

std::optional<api::StoredMessage> MessageChangesTest::bobsCopy(const MessageId& id) const
{
    for (const api::StoredMessage& message : m_bob.node().history(m_alice.id, 100)) {
        if (message.id == id) {
            return message;
        }
    }
    return std::nullopt;
}

bool MessageChangesTest::bobSeesAliceTyping() const
{
    for (const api::PeerView& view : m_bob.node().peers()) {
        if (view.record.id == m_alice.id) {
            return view.typing;
        }
    }
    return false;
}

QString MessageChangesTest::bobsPreview() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
    return row ? m_window->peerModel()->index(*row).data(ui::PeerListModel::PreviewTextRole).toString()
               : QString();
}

void MessageChangesTest::onlyOwnMessagesOfferEditAndDelete()
{
    send(QStringLiteral("mine to change"));
    receive(QStringLiteral("theirs to keep"));

    const QStringList own = menuOn(*rowOf(QStringLiteral("mine to change")));
    QVERIFY2(own.contains(QStringLiteral("&Edit")), qPrintable(own.join(QLatin1Char('|'))));
    QVERIFY(own.contains(QStringLiteral("&Delete for Everyone…")));
    QVERIFY(own.contains(QStringLiteral("&Select Text")));

    const QStringList theirs = menuOn(*rowOf(QStringLiteral("theirs to keep")));
    QVERIFY2(theirs.contains(QStringLiteral("&Select Text")), qPrintable(theirs.join(QLatin1Char('|'))));
    QVERIFY(!theirs.contains(QStringLiteral("&Edit")));
    QVERIFY(!theirs.contains(QStringLiteral("&Delete for Everyone…")));
}

void MessageChangesTest::editingInTheComposerChangesTheMessageForEveryone()
{
    const QString original = QStringLiteral("see you at 5");
    send(original);
    const MessageId id = model()->messageInRow(*rowOf(original))->id;
    const int heightBefore = m_window->conversationView()->visualRect(indexOf(original)).height();
    ui::Composer* composer = m_window->composer();
    QTest::keyClicks(composer, QStringLiteral("half a thought"));
    SIM_VERIFY(m_lan, bobSeesAliceTyping());

    menuOn(*rowOf(original), Qt::Key_E);
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->toPlainText(), original);
    QCOMPARE(m_window->focusWidget(), static_cast<QWidget*>(composer)); // to type the correction
    QVERIFY(m_window->editingBar()->isVisible());
    QCOMPARE(m_window->editingBar()->title()->text(), QStringLiteral("Editing your message"));
    QCOMPARE(m_window->editingBar()->cancelButton()->accessibleName(), QStringLiteral("Cancel editing"));
    QVERIFY(ui::test::unnamedControls(m_window.get()).isEmpty());
    SIM_VERIFY(m_lan, !bobSeesAliceTyping()); // correcting is not writing a new message
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("message-editing.png")));

    // Typing the correction tells Bob nothing: it is no new message.
    const QString corrected = QStringLiteral("see you at 6,\nat the station\nby the clock");
    composer->selectAll();
    QTest::keyClicks(composer, QStringLiteral("see you at 6,"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("at the station"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("by the clock"));
    m_lan.runFor(1000);
    QVERIFY(!bobSeesAliceTyping());
    QTest::keyClick(composer, Qt::Key_Return);

    // Shown at once, with "edited"; the draft is back; Bob has it too.
    SIM_VERIFY(m_lan, rowOf(corrected).has_value());
    const QModelIndex row = indexOf(corrected);
    QVERIFY(row.data(ui::ConversationModel::EditedRole).toBool());
    QVERIFY2(row.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("edited")),
             qPrintable(row.data(Qt::AccessibleTextRole).toString()));
    QVERIFY(!rowOf(original).has_value());
    QVERIFY(!composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("half a thought"));
    QVERIFY(!m_window->editingBar()->isVisible());
    QCOMPARE(m_window->sendButton()->text(), QStringLiteral("&Send"));
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->body == corrected && bobsCopy(id)->editedMs.has_value());
    QCOMPARE(bobsPreview(), QStringLiteral("You: %1").arg(corrected.simplified()));
    // Three lines take more room than one: the row was laid out again.
    QTRY_VERIFY(m_window->conversationView()->visualRect(indexOf(corrected)).height() > heightBefore);
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("message-edited.png")));
}

void MessageChangesTest::escapeOrCancelLeavesTheMessageAndBringsBackTheDraft()
{
    const QString text = QStringLiteral("lunch on Friday?");
    send(text);
    ui::Composer* composer = m_window->composer();
    QTest::keyClicks(composer, QStringLiteral("my draft"));

    menuOn(*rowOf(text), Qt::Key_E);
    QVERIFY(composer->isEditing());
    QTest::keyClicks(composer, QStringLiteral(" or Saturday"));
    QTest::keyClick(composer, Qt::Key_Escape);
    QVERIFY(!composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("my draft"));
    QVERIFY(composer->textCursor().atEnd());
    QVERIFY(!m_window->editingBar()->isVisible());

    // Cancel does the same.
    menuOn(*rowOf(text), Qt::Key_E);
    QTest::keyClicks(composer, QStringLiteral(" or never"));
    QTest::mouseClick(m_window->editingBar()->cancelButton(), Qt::LeftButton);
    QVERIFY(!composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("my draft"));

    // Nothing was changed, here or at Bob's.
    m_lan.runFor(1000);
    const QModelIndex row = indexOf(text);
    QVERIFY(row.isValid());
    QVERIFY(!row.data(ui::ConversationModel::EditedRole).toBool());
    const auto bobs = bobsCopy(model()->messageInRow(row.row())->id);
    QVERIFY(bobs && bobs->body == text && !bobs->editedMs);
}

void MessageChangesTest::upInTheEmptyComposerEditsTheNewestOwnMessage()
{
    send(QStringLiteral("older one"));
    send(QStringLiteral("newest own one"));
    receive(QStringLiteral("and Bob's after it"));
    ui::Composer* composer = m_window->composer();

    // Not while something is written: Up moves in the text then.
    QTest::keyClicks(composer, QStringLiteral("x"));
    QTest::keyClick(composer, Qt::Key_Up);
    QVERIFY(!composer->isEditing());
    QTest::keyClick(composer, Qt::Key_Backspace);

    QTest::keyClick(composer, Qt::Key_Up);
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("newest own one"));
    QVERIFY(composer->textCursor().atEnd());
    QTest::keyClicks(composer, QStringLiteral(", corrected"));
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(QStringLiteral("newest own one, corrected")).has_value());
    QVERIFY(!composer->isEditing());
    QCOMPARE(composer->toPlainText(), QString());
}

void MessageChangesTest::aRefusedEditIsToldAndKeptForAnotherTry()
{
    const QString text = QStringLiteral("short and sweet");
    send(text);
    ui::Composer* composer = m_window->composer();
    menuOn(*rowOf(text), Qt::Key_E);
    QVERIFY(composer->isEditing());
    const QString tooLong(static_cast<qsizetype>(proto::kMaxTextBytes) + 1, QLatin1Char('x'));
    composer->setPlainText(tooLong);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, m_window->sendError()->isVisible());
    QVERIFY2(m_window->sendError()->text().startsWith(QStringLiteral("Not edited: ")),
             qPrintable(m_window->sendError()->text()));
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->toPlainText(), tooLong);
    QVERIFY(rowOf(text).has_value());
    QTest::keyClick(composer, Qt::Key_Escape);
}

void MessageChangesTest::deletingAsksFirstThenDeletesForEveryone()
{
    const QString text = QStringLiteral("oops, wrong chat");
    send(text);
    const int row = *rowOf(text);
    const MessageId id = model()->messageInRow(row)->id;
    ui::MessageChanges* changes = m_window->messageChanges();

    // Enter keeps the message: Cancel is the default.
    menuOn(row, Qt::Key_D);
    QMessageBox* box = changes->confirmation();
    QVERIFY(box != nullptr);
    QVERIFY(box->isVisible());
    QCOMPARE(box->text(), QStringLiteral("Delete this message for everyone?"));
    QVERIFY(box->informativeText().contains(QStringLiteral("reachable")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QCOMPARE(box->escapeButton(), static_cast<QAbstractButton*>(box->button(QMessageBox::Cancel)));
    QTest::keyClick(box, Qt::Key_Return);
    m_lan.runFor(1000);
    QVERIFY(!model()->index(row).data(ui::ConversationModel::DeletedRole).toBool());
    QCOMPARE(model()->messageInRow(row)->body, text);

    menuOn(row, Qt::Key_D);
    box = changes->confirmation();
    QVERIFY(box != nullptr);
    QAbstractButton* deleteButton = nullptr;
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
            deleteButton = button;
        }
    }
    QVERIFY(deleteButton != nullptr);
    QCOMPARE(deleteButton->text(), QStringLiteral("&Delete"));
    QTest::mouseClick(deleteButton, Qt::LeftButton);

    const QModelIndex index = model()->index(row);
    SIM_VERIFY(m_lan, index.data(ui::ConversationModel::DeletedRole).toBool());
    QCOMPARE(index.data(Qt::DisplayRole).toString(), QString()); // nothing left to copy
    QVERIFY2(
        index.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("you deleted this message")),
        qPrintable(index.data(Qt::AccessibleTextRole).toString()));
    QVERIFY(!(model()->flags(index) & Qt::ItemIsEditable)); // no text to select
    QCOMPARE(bobsPreview(), QStringLiteral("Message deleted"));
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->deletedMs.has_value() && bobsCopy(id)->body.isEmpty());

    // A deleted message offers nothing more to change, nor text to select.
    const QStringList entries = menuOn(row);
    QVERIFY2(!entries.contains(QStringLiteral("&Edit")), qPrintable(entries.join(QLatin1Char('|'))));
    QVERIFY(!entries.contains(QStringLiteral("&Delete for Everyone…")));
    QVERIFY(!entries.contains(QStringLiteral("&Select Text")));
    // Up passes it by for an older one (from the cases before).
    ui::Composer* composer = m_window->composer();
    composer->setFocus();
    QTest::keyClick(composer, Qt::Key_Up);
    QVERIFY(composer->isEditing());
    QVERIFY(composer->toPlainText() != QString());
    QTest::keyClick(composer, Qt::Key_Escape);
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("message-deleted.png")));
}

void MessageChangesTest::thePeersEditsAndDeletionsShowInTheRow()
{
    const QString text = QStringLiteral("Bob's typo: meet at 7");
    receive(text);
    const MessageId id = model()->messageInRow(*rowOf(text))->id;
    SIM_COMPARE(m_lan, bobsPreview(), text);

    const QString fixed = QStringLiteral("Bob's fix: meet at 8");
    m_bob.client->call([id, fixed](api::Node& node) { node.editMessage(id, fixed); });
    SIM_VERIFY(m_lan, rowOf(fixed).has_value());
    QVERIFY(!rowOf(text).has_value());
    QVERIFY(indexOf(fixed).data(ui::ConversationModel::EditedRole).toBool());
    QVERIFY(!indexOf(fixed).data(ui::ConversationModel::EditableRole).toBool());
    QCOMPARE(bobsPreview(), fixed);

    const int row = *rowOf(fixed);
    m_bob.client->call([id](api::Node& node) { node.deleteMessage(id); });
    SIM_VERIFY(m_lan, model()->index(row).data(ui::ConversationModel::DeletedRole).toBool());
    QVERIFY(!rowOf(fixed).has_value());
    QVERIFY2(model()
                 ->index(row)
                 .data(Qt::AccessibleTextRole)
                 .toString()
                 .contains(QStringLiteral("this message was deleted")),
             qPrintable(model()->index(row).data(Qt::AccessibleTextRole).toString()));
    QCOMPARE(bobsPreview(), QStringLiteral("Message deleted"));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("message-deleted-by-peer.png")));
}

void MessageChangesTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(MessageChangesTest)
#include "message_changes_test.moc"
