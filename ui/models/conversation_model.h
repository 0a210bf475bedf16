#pragma once

#include "api/node_client.h"

#include <QAbstractListModel>
#include <QList>

#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace confab::ui {

// One conversation, loaded lazily in pages from the newest message backwards,
// so opening a conversation of any length costs one page. The file drops
// sent and received in it are rows too, where they were made among the
// messages (by TransferView::createdMs against StoredMessage::storedMs),
// and follow the node's transferChanged as they move on.
class ConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kPageSize = 200;

    enum Role {
        OutgoingRole = Qt::UserRole + 1,
        StateTextRole,
        TimeTextRole,
        SeqRole,
        DayRole,          // QDate the message was stored, local time
        DaySeparatorRole, // "Today", "Yesterday", a date; empty unless the row starts a day
        LinksRole,        // QList<QUrl> of the addresses in the text
        NewMarkerRole,    // true for the first message that was new when the user came to it
        TransferRole,     // api::TransferView of a file drop's row; invalid for a message
        // Rooms' rows (RoomConversationModel) use the roles above and these:
        SenderRole,     // who wrote an incoming room message; empty in a conversation with one peer
        SystemLineRole, // what happened to the room ("Ann added Bob"); empty for a message
        MentionRole,    // bool: someone else's room message that names the user
        // Messages that changed after they were sent (their sender edited or
        // deleted them for everyone):
        EditedRole,   // bool: edited, and not deleted since
        DeletedRole,  // bool: deleted; the row shows that in place of a text
        EditableRole, // bool: the user's own message, not deleted: it may be edited or deleted
        // Reactions, one emoji from each side at most (none on a deleted message):
        OwnReactionRole,  // QString: the user's; empty: none
        PeerReactionRole, // QString: the peer's; empty: none
        // A reply quotes another message of the conversation (shown unless deleted):
        ReplyRole,       // bool: the message is a reply
        QuoteSenderRole, // QString: "You" or the peer's name; empty while unknown or not found
        QuoteTextRole,   // QString: the quoted text's first line, or why there is none
        QuoteGoneRole,   // bool: the quoted message was deleted or is not found
    };

    explicit ConversationModel(api::NodeClient& client, QObject* parent = nullptr);

    // Clears the model and asks for the newest page. `unread`: how many
    // incoming messages the user has not seen; the "New messages" line goes
    // above the oldest of them, and stays while the conversation is shown.
    void setPeer(const PeerId& peer, int unread = 0);
    // A message arrived that the user has not seen (the window is not in
    // front): the line goes above it, unless it is above an older one already.
    void markNewFrom(std::int64_t seq);
    // The row under the "New messages" line, if one is loaded.
    [[nodiscard]] std::optional<int> newMarkerRow() const;
    // Shows no conversation (its peer was removed).
    void clear();
    // The peer's name as the window shows it: replies quoting them and
    // reactions say it.
    void setPeerName(const QString& name);
    [[nodiscard]] QString peerName() const { return m_peerName; }
    [[nodiscard]] std::optional<PeerId> peer() const { return m_peer; }
    [[nodiscard]] bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Older pages, one at a time: the view asks when the user scrolls to the
    // top. Not QAbstractItemModel::fetchMore(), which item views call on
    // their own whenever the last row is on screen — here, at the newest
    // message, always — so opening a conversation would load several pages.
    [[nodiscard]] bool canLoadOlder() const;
    void loadOlder();

    // Brings the message `seq` of this conversation into the model, loading
    // older pages until it is there, then says where (messageRevealed). A
    // later setPeer() or reveal() replaces the request.
    void reveal(std::int64_t seq);

    // The drop shown in `row`, if that row is one.
    [[nodiscard]] const api::TransferView* transferAt(int row) const;
    // The message shown in `row`, if that row is one.
    [[nodiscard]] const api::StoredMessage* messageInRow(int row) const;
    // The row of the user's newest message that may still be edited, if one is loaded.
    [[nodiscard]] std::optional<int> newestEditableRow() const;
    // The seq of the message that the one in `row` quotes, when it is known.
    [[nodiscard]] std::optional<std::int64_t> quotedSeq(int row) const;
    // A drop of this conversation was made or moved on (also from a command's reply).
    void onTransferChanged(const api::TransferView& transfer);

    static QString stateText(api::MessageState state);
    // What a deleted message shows in place of its text.
    static QString deletedText(bool outgoing);
    // What a quote shows of a message's text: its first line with words.
    static QString quoteLine(const QString& body);
    // What a day separator says about `day` when today is `today`.
    static QString dayText(const QDate& day, const QDate& today);

signals:
    // A page arrived: `older` is false for the first (newest) one.
    void pageLoaded(int count, bool older);
    // The message asked for with reveal() is in `row` now.
    void messageRevealed(int row);

private:
    // A message, or a file drop where it was made.
    using Row = std::variant<api::StoredMessage, api::TransferView>;
    static std::int64_t timeOf(const Row& row);
    [[nodiscard]] const api::StoredMessage* messageAt(qsizetype row) const;
    // The seq of the oldest message loaded; none while none is.
    [[nodiscard]] std::optional<std::int64_t> oldestSeq() const;
    [[nodiscard]] std::optional<qsizetype> rowOfMessage(std::int64_t seq) const;
    // The page's messages with the waiting drops made since its oldest one
    // (all of them once the conversation is complete), in time order.
    QList<Row> withDrops(const api::StoredMessages& messages);

    void onHistoryLoaded(const PeerId& peer, std::int64_t beforeSeq, const api::StoredMessages& messages,
                         const std::optional<std::vector<api::TransferView>>& drops);
    static QVariant dropData(const api::TransferView& drop, int role);
    // What a screen reader says of a message stored at `time`.
    [[nodiscard]] QString accessibleText(const api::StoredMessage& message, const QString& time) const;
    // What a reply shows of the message it quotes.
    struct QuoteView {
        QString sender; // "You" or the peer's name; empty while unknown or not found
        QString text;   // the first line, "Deleted message" or "Original message not found"
        bool gone = false;
        bool ours = false; // the user's own message is quoted
    };
    [[nodiscard]] QuoteView quoteOf(const api::StoredMessage& message) const;
    // Finds the messages that the rows [first, end) quote: among the loaded
    // rows before them, or else (once each) from the node.
    void resolveQuotes(qsizetype first, qsizetype end);
    void onQuotesFetched(const PeerId& peer,
                         const std::vector<std::pair<MessageId, std::optional<api::StoredMessage>>>& found);
    // The replies quoting `quoted` show what it is now.
    void quoteChanged(const MessageId& quoted);
    void onMessageStored(const api::StoredMessage& message);
    void onMessageStateChanged(const api::StoredMessage& message);
    void onConversationRead(const PeerId& peer);
    [[nodiscard]] QDate dayOf(int row) const;

    void load(std::int64_t beforeSeq);
    // One step towards the message reveal() asked for: found, an older page
    // asked for, or (when the conversation does not have it) given up.
    void continueReveal();

    api::NodeClient& m_node;
    std::optional<PeerId> m_peer;
    QList<Row> m_rows; // oldest first
    // Drops older than the oldest message loaded: shown once its page is.
    std::vector<api::TransferView> m_olderDrops;
    bool m_loading = false;
    bool m_complete = false; // the oldest message is loaded
    std::optional<std::int64_t> m_revealSeq;
    int m_unreadAtOpen = 0;
    // The first message under the "New messages" line; none once the user writes.
    std::optional<std::int64_t> m_newFromSeq;
    QString m_peerName;
    // The messages replies quote, by id: asked for once, and kept as the
    // node changes them (edited, deleted); nullopt once the node has none.
    struct Quote {
        bool answered = false; // false while the node is asked
        std::optional<api::StoredMessage> message;
    };
    std::map<MessageId, Quote> m_quotes;
};

} // namespace confab::ui
