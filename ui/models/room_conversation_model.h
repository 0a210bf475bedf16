#pragma once

#include "api/node_client.h"

#include <QAbstractListModel>
#include <QList>

#include <optional>
#include <variant>
#include <vector>

namespace confab::ui {

// One room's conversation: its newest messages (kHistoryLimit of them) with
// the system lines of its membership log ("Ann added Bob") where they
// happened, by the authors' clocks. Rows answer ConversationModel's roles,
// so MessageDelegate draws them; others' messages carry their sender
// (SenderRole) and a system line its words (SystemLineRole). Reloads when
// the node says the rooms changed (receipts, members, names).
class RoomConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kHistoryLimit = 500;

    explicit RoomConversationModel(api::NodeClient& client, QObject* parent = nullptr);

    // Clears the model and loads the room (its id).
    void setRoom(const QString& room);
    void clear();
    [[nodiscard]] const QString& room() const { return m_room; }
    // The room as last loaded (name, members); empty before.
    [[nodiscard]] const api::RoomView& view() const { return m_view; }
    // Loads again: rows that stayed are updated in place, new ones appended.
    void reload();
    // The message in `row`, if that row is one.
    [[nodiscard]] const api::RoomMessageView* messageAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    // The room was loaded (first time: `fresh`), or loaded again.
    void loaded(bool fresh);

private:
    struct EventRow {
        api::RoomEventView event;
        qint64 key = 0; // negative: its place in the log, so never a message's seq
    };
    using Row = std::variant<api::RoomMessageView, EventRow>;
    struct Loaded {
        api::RoomResult room;
        api::RoomHistoryResult history;
        api::RoomEventsResult events;
    };

    void onLoaded(const QString& room, const Loaded& result);
    void onMessageStored(const api::RoomMessageView& message);
    // Messages in their order, each event before the first message sent after it.
    static QList<Row> merged(const std::vector<api::RoomMessageView>& messages,
                             const std::vector<api::RoomEventView>& events);
    // A row's identity: a message's seq, or an event's key.
    static qint64 keyOf(const Row& row);
    [[nodiscard]] std::int64_t timeOf(qsizetype row) const;
    QVariant messageData(const api::RoomMessageView& message, int role) const;

    api::NodeClient& m_node;
    QString m_room;
    api::RoomView m_view;
    QList<Row> m_rows;        // oldest first
    quint64 m_generation = 0; // a reply for an older setRoom() is dropped
};

} // namespace confab::ui
