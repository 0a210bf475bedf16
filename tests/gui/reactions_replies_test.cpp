// The user reacts to messages (one emoji each side, from the conversation's
// context menu: React) and replies to them (Reply or Ctrl+R: the composer
// quotes the message under a bar; Escape or Cancel leaves, keeping the
// text). Reactions show as chips under the bubble, replies start with a
// quote that follows the quoted message (edited, deleted) and leads to it
// when clicked. Against a peer on a simulated LAN.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "message_replies.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "reaction_text.h"
#include "widgets/composer.h"
#include "widgets/conversation_view.h"
#include "widgets/editing_bar.h"
#include "widgets/main_window.h"
#include "widgets/theme.h"

#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>

#include <optional>

using namespace confab;

namespace {
const QString kThumbsUp = QStringLiteral("👍");
const QString kLaugh = QStringLiteral("😂");
} // namespace

class ReactionsRepliesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void reactingFromTheMenuShowsAChipAndReachesThePeer();
    void thePeersReactionShowsAndTheSameOneCountsTwo();
    void replyingFromTheMenuSendsAMessageThatQuotes();
    void escapeOrCancelLeavesReplyModeKeepingTheText();
    void aQuoteFollowsTheQuotedMessageUntilItIsDeleted();
    void aQuoteOfAMessageNotLoadedIsFetched();
    void looksRightInLightAndDark();
    void cleanupTestCase();

private:
    [[nodiscard]] ui::ConversationModel* model() const { return m_window->conversationModel(); }
    [[nodiscard]] ui::ConversationView* view() const { return m_window->conversationView(); }
    // The row of the newest message with `body`, if one is shown.
    [[nodiscard]] static std::optional<int> rowOf(const ui::ConversationModel& model, const QString& body);
    [[nodiscard]] std::optional<int> rowOf(const QString& body) const { return rowOf(*model(), body); }
    [[nodiscard]] QModelIndex indexOf(const QString& body) const;
    [[nodiscard]] MessageId idOf(const QString& body) const;
    void send(const QString& text);
    void receive(const QString& text);
    // Opens the context menu on the message in `row` with the Menu key and
    // returns its entries, a submenu's as "Menu/Entry" and checked ones with
    // " [x]"; then presses `keys` one after the other in whichever menu is
    // open (Escape when none are given).
    QStringList menuOn(int row, const QList<Qt::Key>& keys = {Qt::Key_Escape});
    [[nodiscard]] std::optional<api::StoredMessage> bobsCopy(const MessageId& id) const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void ReactionsRepliesTest::initTestCase()
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

void ReactionsRepliesTest::init()
{
    ui::Composer* composer = m_window->composer();
    composer->endEditing();
    composer->endReplying();
    composer->clear();
    composer->setFocus();
}

std::optional<int> ReactionsRepliesTest::rowOf(const ui::ConversationModel& model, const QString& body)
{
    for (int row = model.rowCount() - 1; row >= 0; --row) {
        const api::StoredMessage* message = model.messageInRow(row);
        if (message != nullptr && message->body == body) {
            return row;
        }
    }
    return std::nullopt;
}

QModelIndex ReactionsRepliesTest::indexOf(const QString& body) const
{
    const std::optional<int> row = rowOf(body);
    return row ? model()->index(*row) : QModelIndex();
}

MessageId ReactionsRepliesTest::idOf(const QString& body) const
{
    const std::optional<int> row = rowOf(body);
    return row ? model()->messageInRow(*row)->id : MessageId();
}

void ReactionsRepliesTest::send(const QString& text)
{
    ui::Composer* composer = m_window->composer();
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(text).has_value() && composer->toPlainText().isEmpty());
}

void ReactionsRepliesTest::receive(const QString& text)
{
    m_bob.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
    SIM_VERIFY(m_lan, rowOf(text).has_value());
}

QStringList ReactionsRepliesTest::menuOn(int row, const QList<Qt::Key>& keys)
{
    view()->setFocus();
    view()->setCurrentIndex(model()->index(row));
    QStringList entries;
    // The menu runs its own loop: read it and choose from inside that loop.
    QTimer::singleShot(0, this, [&entries, keys] {
        QMenu* menu = nullptr;
        if (!QTest::qWaitFor([&menu] {
                menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
                return menu != nullptr && menu->isVisible();
            })) {
            return;
        }
        for (const QAction* action : menu->actions()) {
            if (action->isSeparator()) {
                continue;
            }
            entries << action->text();
            if (action->menu() == nullptr) {
                continue;
            }
            for (const QAction* inner : action->menu()->actions()) {
                if (!inner->isSeparator()) {
                    entries << QStringLiteral("%1/%2%3").arg(action->text(), inner->text(),
                                                             inner->isChecked() ? QStringLiteral(" [x]")
                                                                                : QString());
                }
            }
        }
        for (const Qt::Key key : keys) {
            QWidget* open = QApplication::activePopupWidget();
            if (open == nullptr) {
                return;
            }
            QTest::keyClick(open, key);
            QTest::qWait(50); // a submenu opens on a timer
        }
    });
    QTest::keyClick(view(), Qt::Key_Menu);
    m_lan.runFor(0); // what was chosen happens once the menu has closed
    return entries;
}

std::optional<api::StoredMessage> ReactionsRepliesTest::bobsCopy(const MessageId& id) const
{
    return m_bob.node().message(id);
}

void ReactionsRepliesTest::reactingFromTheMenuShowsAChipAndReachesThePeer()
{
    const QString text = QStringLiteral("The photos from Sunday are up");
    receive(text);
    const MessageId id = idOf(text);
    const int heightBefore = view()->visualRect(indexOf(text)).height();
    QVERIFY(view()->reactionRects(*rowOf(text)).empty());

    // React opens with A (Copy has the C); the first emoji is the thumbs up.
    const QStringList entries = menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Return});
    QVERIFY2(entries.contains(QStringLiteral("&Reply")), qPrintable(entries.join(QLatin1Char('|'))));
    QVERIFY(entries.contains(QStringLiteral("Re&act")));
    for (const QString& emoji : ui::ReactionText::choices()) {
        QVERIFY2(entries.contains(QStringLiteral("Re&act/%1").arg(emoji)), qPrintable(emoji));
    }
    QVERIFY(!entries.contains(QStringLiteral("Re&act/&Take Back Reaction"))); // none to take back yet

    SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString(), kThumbsUp);
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->peerReaction == kThumbsUp);
    // One chip, below the text and hanging over the bubble's bottom edge; the row grew for it.
    QTRY_COMPARE(view()->reactionRects(*rowOf(text)).size(), std::size_t{1});
    const QRect chip = view()->reactionRects(*rowOf(text)).front();
    const QRect row = view()->visualRect(indexOf(text));
    QVERIFY(row.height() > heightBefore);
    QVERIFY2(row.contains(chip), qPrintable(QStringLiteral("%1 in %2").arg(chip.bottom()).arg(row.bottom())));
    QVERIFY(chip.top() > view()->metaRect(indexOf(text)).bottom());
    QVERIFY2(
        indexOf(text).data(Qt::AccessibleTextRole).toString().endsWith(QStringLiteral("Reactions: you 👍")),
        qPrintable(indexOf(text).data(Qt::AccessibleTextRole).toString()));
    QVERIFY(indexOf(text).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Reactions: you 👍")));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reaction-own.png")));

    // Checked now; choosing it again takes it back.
    const QStringList again = menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Return});
    QVERIFY2(again.contains(QStringLiteral("Re&act/👍 [x]")), qPrintable(again.join(QLatin1Char('|'))));
    QVERIFY(again.contains(QStringLiteral("Re&act/&Take Back Reaction")));
    SIM_VERIFY(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString().isEmpty());
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->peerReaction.isEmpty());
    QTRY_VERIFY(view()->reactionRects(*rowOf(text)).empty());
    QTRY_COMPARE(view()->visualRect(indexOf(text)).height(), heightBefore);

    // Another one (the third: 😂), then Take Back Reaction (T).
    menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Down, Qt::Key_Down, Qt::Key_Return});
    SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString(), kLaugh);
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->peerReaction == kLaugh);
    menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_T});
    SIM_VERIFY(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString().isEmpty());
    SIM_VERIFY(m_lan, bobsCopy(id) && bobsCopy(id)->peerReaction.isEmpty());
}

void ReactionsRepliesTest::thePeersReactionShowsAndTheSameOneCountsTwo()
{
    const QString text = QStringLiteral("I booked the table for eight");
    send(text);
    const MessageId id = idOf(text);
    SIM_VERIFY(m_lan, bobsCopy(id).has_value()); // he reacts to what he has
    m_bob.client->call([id, emoji = kLaugh](api::Node& node) { node.react(id, emoji); });
    SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::PeerReactionRole).toString(), kLaugh);
    QVERIFY2(
        indexOf(text).data(Qt::AccessibleTextRole).toString().endsWith(QStringLiteral("Reactions: Bob 😂")),
        qPrintable(indexOf(text).data(Qt::AccessibleTextRole).toString()));
    QTRY_COMPARE(view()->reactionRects(*rowOf(text)).size(), std::size_t{1});

    // Ours next to theirs: two chips, ours first.
    menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Return});
    SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString(), kThumbsUp);
    QVERIFY2(
        indexOf(text).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Reactions: you 👍, Bob 😂")),
        qPrintable(indexOf(text).data(Qt::ToolTipRole).toString()));
    QTRY_COMPARE(view()->reactionRects(*rowOf(text)).size(), std::size_t{2});
    const std::vector<QRect> chips = view()->reactionRects(*rowOf(text));
    QVERIFY(!chips[0].intersects(chips[1]));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reactions-both.png")));

    // The same one: a single chip that counts two.
    menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Down, Qt::Key_Down, Qt::Key_Return});
    SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::OwnReactionRole).toString(), kLaugh);
    QTRY_COMPARE(view()->reactionRects(*rowOf(text)).size(), std::size_t{1});
    const auto same = ui::ReactionText::chips(kLaugh, kLaugh);
    QCOMPARE(same.size(), std::size_t{1});
    QCOMPARE(same.front().text(), QStringLiteral("😂 2"));
    QVERIFY(same.front().ours);
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reactions-same.png")));
}

void ReactionsRepliesTest::replyingFromTheMenuSendsAMessageThatQuotes()
{
    const QString question = QStringLiteral("Are you coming tonight?\nBring the charger if you can");
    receive(question);
    const MessageId quoted = idOf(question);
    ui::Composer* composer = m_window->composer();
    ui::EditingBar* bar = m_window->editingBar();

    menuOn(*rowOf(question), {Qt::Key_R});
    QVERIFY(composer->isReplying());
    QCOMPARE(m_window->focusWidget(), static_cast<QWidget*>(composer));
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->title()->text(), QStringLiteral("Replying to Bob"));
    QCOMPARE(bar->detail()->text(), QStringLiteral("Are you coming tonight?"));
    QCOMPARE(bar->cancelButton()->accessibleName(), QStringLiteral("Cancel reply"));
    QVERIFY(ui::test::unnamedControls(m_window.get()).isEmpty());

    const QString answer = QStringLiteral("Yes, at eight");
    QTest::keyClicks(composer, answer);
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reply-composing.png")));
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(answer).has_value() && composer->toPlainText().isEmpty());
    QVERIFY(!composer->isReplying());
    QVERIFY(!bar->isVisible());

    // Alice's row quotes Bob's message; Bob's node has it as a reply to it.
    const QModelIndex mine = indexOf(answer);
    QVERIFY(mine.data(ui::ConversationModel::ReplyRole).toBool());
    SIM_COMPARE(m_lan, mine.data(ui::ConversationModel::QuoteSenderRole).toString(), QStringLiteral("Bob"));
    QCOMPARE(mine.data(ui::ConversationModel::QuoteTextRole).toString(),
             QStringLiteral("Are you coming tonight?"));
    QCOMPARE(mine.data(Qt::AccessibleTextRole).toString().section(QStringLiteral(": "), 1),
             QStringLiteral("Reply to Bob: Are you coming tonight? Yes, at eight"));
    const MessageId reply = model()->messageInRow(mine.row())->id;
    SIM_VERIFY(m_lan, bobsCopy(reply) && bobsCopy(reply)->replyTo == quoted);

    // Bob's conversation shows the quote as his own message.
    ui::ConversationModel bobs(*m_bob.client);
    bobs.setPeerName(QStringLiteral("Alice"));
    bobs.setPeer(m_alice.id);
    SIM_VERIFY(m_lan, rowOf(bobs, answer).has_value() && !bobs.index(*rowOf(bobs, answer))
                                                              .data(ui::ConversationModel::QuoteSenderRole)
                                                              .toString()
                                                              .isEmpty());
    const QModelIndex his = bobs.index(*rowOf(bobs, answer));
    QCOMPARE(his.data(ui::ConversationModel::QuoteSenderRole).toString(), QStringLiteral("You"));
    QCOMPARE(his.data(ui::ConversationModel::QuoteTextRole).toString(),
             QStringLiteral("Are you coming tonight?"));
    QVERIFY(
        his.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Reply to you: Are you coming")));

    // A click on the quote goes to the quoted message.
    view()->setCurrentIndex(mine);
    QTRY_VERIFY(!view()->quoteRect(mine.row()).isEmpty());
    const QRect quote = view()->quoteRect(mine.row());
    QVERIFY(view()->visualRect(mine).contains(quote));
    QVERIFY(quote.bottom() < view()->visualRect(mine).bottom() - view()->metaRect(mine).height());
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::NoModifier, quote.center());
    SIM_COMPARE(m_lan, view()->currentIndex().row(), *rowOf(question));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reply-sent.png")));

    // Ctrl+R on the current message does what Reply does; replying to one's own says so.
    view()->setFocus();
    view()->setCurrentIndex(mine);
    QTest::keyClick(view(), Qt::Key_R, Qt::ControlModifier);
    m_lan.runFor(0);
    QVERIFY(composer->isReplying());
    QCOMPARE(bar->title()->text(), QStringLiteral("Replying to yourself"));
    QCOMPARE(m_window->messageReplies()->quoted(), reply);
}

void ReactionsRepliesTest::escapeOrCancelLeavesReplyModeKeepingTheText()
{
    const QString text = QStringLiteral("What time is the train?");
    receive(text);
    ui::Composer* composer = m_window->composer();
    ui::EditingBar* bar = m_window->editingBar();
    QTest::keyClicks(composer, QStringLiteral("I think"));

    menuOn(*rowOf(text), {Qt::Key_R});
    QVERIFY(composer->isReplying());
    QCOMPARE(composer->toPlainText(), QStringLiteral("I think")); // the draft becomes the reply
    QTest::keyClicks(composer, QStringLiteral(" at 9"));
    QTest::keyClick(composer, Qt::Key_Escape);
    QVERIFY(!composer->isReplying());
    QVERIFY(!bar->isVisible());
    QCOMPARE(composer->toPlainText(), QStringLiteral("I think at 9"));

    menuOn(*rowOf(text), {Qt::Key_R});
    QVERIFY(composer->isReplying());
    QTest::mouseClick(bar->cancelButton(), Qt::LeftButton);
    QVERIFY(!composer->isReplying());
    QCOMPARE(composer->toPlainText(), QStringLiteral("I think at 9"));

    // Editing ends a reply, and replying ends an edit (the draft coming back).
    composer->clear();
    send(QStringLiteral("mine to correct"));
    QTest::keyClicks(composer, QStringLiteral("draft"));
    menuOn(*rowOf(text), {Qt::Key_R});
    QVERIFY(composer->isReplying());
    menuOn(*rowOf(QStringLiteral("mine to correct")), {Qt::Key_E});
    QVERIFY(composer->isEditing());
    QVERIFY(!composer->isReplying());
    QCOMPARE(bar->title()->text(), QStringLiteral("Editing your message"));
    menuOn(*rowOf(text), {Qt::Key_R});
    QVERIFY(composer->isReplying());
    QVERIFY(!composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("draft"));
    QCOMPARE(bar->title()->text(), QStringLiteral("Replying to Bob"));

    // What is sent after leaving reply mode is a plain message.
    QTest::keyClick(composer, Qt::Key_Escape);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(QStringLiteral("draft")).has_value());
    QVERIFY(!indexOf(QStringLiteral("draft")).data(ui::ConversationModel::ReplyRole).toBool());
}

void ReactionsRepliesTest::aQuoteFollowsTheQuotedMessageUntilItIsDeleted()
{
    const QString text = QStringLiteral("Meet at the north gate");
    receive(text);
    const MessageId id = idOf(text);
    menuOn(*rowOf(text), {Qt::Key_R});
    const QString answer = QStringLiteral("OK, see you there");
    QTest::keyClicks(m_window->composer(), answer);
    QTest::keyClick(m_window->composer(), Qt::Key_Return);
    SIM_VERIFY(m_lan, rowOf(answer).has_value());
    const int row = *rowOf(answer);

    m_bob.client->call(
        [id](api::Node& node) { node.editMessage(id, QStringLiteral("Meet at the south gate")); });
    SIM_COMPARE(m_lan, model()->index(row).data(ui::ConversationModel::QuoteTextRole).toString(),
                QStringLiteral("Meet at the south gate"));

    m_bob.client->call([id](api::Node& node) { node.deleteMessage(id); });
    SIM_COMPARE(m_lan, model()->index(row).data(ui::ConversationModel::QuoteTextRole).toString(),
                QStringLiteral("Deleted message"));
    QVERIFY(model()->index(row).data(ui::ConversationModel::QuoteGoneRole).toBool());
    QCOMPARE(model()->index(row).data(ui::ConversationModel::QuoteSenderRole).toString(),
             QStringLiteral("Bob"));
    QVERIFY(model()
                ->index(row)
                .data(Qt::AccessibleTextRole)
                .toString()
                .contains(QStringLiteral("Reply to Bob: Deleted message. OK, see you there")));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("reply-to-deleted.png")));

    // A deleted message offers neither Reply nor React.
    int deleted = row - 1;
    while (deleted > 0 && model()->messageInRow(deleted)->id != id) {
        --deleted;
    }
    QVERIFY(model()->index(deleted).data(ui::ConversationModel::DeletedRole).toBool());
    const QStringList entries = menuOn(deleted);
    QVERIFY2(!entries.contains(QStringLiteral("&Reply")), qPrintable(entries.join(QLatin1Char('|'))));
    QVERIFY(!entries.contains(QStringLiteral("Re&act")));
}

void ReactionsRepliesTest::aQuoteOfAMessageNotLoadedIsFetched()
{
    const QString old = QStringLiteral("An old question from long ago");
    receive(old);
    const MessageId id = idOf(old);
    // More messages than a page holds come after it.
    m_alice.client->call([to = m_bob.id](api::Node& node) {
        for (int i = 0; i < ui::ConversationModel::kPageSize; ++i) {
            node.sendText(to, QStringLiteral("filler %1").arg(i));
        }
    });
    SIM_VERIFY(m_lan, rowOf(QStringLiteral("filler 199")).has_value());
    ui::ConversationModel fresh(*m_alice.client);
    fresh.setPeerName(QStringLiteral("Bob"));
    fresh.setPeer(m_bob.id);
    SIM_VERIFY(m_lan, !fresh.isLoading() && rowOf(fresh, QStringLiteral("filler 199")).has_value());
    QVERIFY(!rowOf(fresh, old).has_value()); // not in the page loaded

    const QString answer = QStringLiteral("Answering that old question now");
    m_bob.client->call([to = m_alice.id, id, answer](api::Node& node) { node.sendReply(to, id, answer); });
    SIM_VERIFY(m_lan, rowOf(fresh, answer).has_value());
    const QModelIndex reply = fresh.index(*rowOf(fresh, answer));
    SIM_COMPARE(m_lan, reply.data(ui::ConversationModel::QuoteTextRole).toString(), old);
    QCOMPARE(reply.data(ui::ConversationModel::QuoteSenderRole).toString(), QStringLiteral("Bob"));
    QVERIFY(fresh.quotedSeq(reply.row()).has_value());
}

void ReactionsRepliesTest::looksRightInLightAndDark()
{
    const QPalette original = QApplication::palette();
    for (const bool dark : {false, true}) {
        // A window made in the palette, as the app makes it (--palette dark).
        m_window.reset();
        QApplication::setPalette(dark ? ui::theme::darkPalette() : original);
        m_window = ui::test::openMainWindow(m_alice);
        QVERIFY(m_window);
        SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 1);
        QVERIFY(m_window->selectPeer(m_bob.id));
        SIM_VERIFY(m_lan, m_window->composer()->isEnabled() && !model()->isLoading());
        m_lan.runFor(500);
        const QString text = dark ? QStringLiteral("And in the dark?") : QStringLiteral("How does it look?");
        receive(text);
        menuOn(*rowOf(text), {Qt::Key_A, Qt::Key_Return});
        m_bob.client->call([id = idOf(text), emoji = kLaugh](api::Node& node) { node.react(id, emoji); });
        SIM_COMPARE(m_lan, indexOf(text).data(ui::ConversationModel::PeerReactionRole).toString(), kLaugh);
        menuOn(*rowOf(text), {Qt::Key_R});
        // The bar over the composer takes room from the view: the newest message stays in sight.
        QCOMPARE(view()->verticalScrollBar()->value(), view()->verticalScrollBar()->maximum());
        QTest::keyClicks(m_window->composer(), QStringLiteral("Like this, with a quote on top"));
        QTest::keyClick(m_window->composer(), Qt::Key_Return);
        SIM_VERIFY(m_lan, rowOf(QStringLiteral("Like this, with a quote on top")).has_value());
        menuOn(*rowOf(text), {Qt::Key_R});
        QTest::keyClicks(m_window->composer(), QStringLiteral("a second thought"));
        m_lan.runFor(500);
        QTRY_VERIFY2(ui::test::clippedTexts(m_window.get()).isEmpty(),
                     qPrintable(ui::test::clippedTexts(m_window.get()).join(QLatin1Char('\n'))));
        QVERIFY(ui::test::saveScreenshot(m_window.get(), dark ? QStringLiteral("reactions-replies-dark.png")
                                                              : QStringLiteral("reactions-replies.png")));
    }
    QApplication::setPalette(original);
}

void ReactionsRepliesTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(ReactionsRepliesTest)
#include "reactions_replies_test.moc"
