#pragma once

#include "node_types.h"

#include <QObject>

namespace confab::api {

// What a node reports as it happens. It lives on the node's thread; a front
// end on another thread connects with a receiver of its own (the connection
// is then queued) and asks the node for details through NodeClient.
class NodeEvents : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    // A message was stored: sent from here (committed) or received.
    void messageStored(const confab::api::StoredMessage& message);
    // An outgoing message moved on (sent, delivered, read), an incoming one was
    // read, or either was edited, deleted or reacted to: the message as it is now.
    void messageStateChanged(const confab::api::StoredMessage& message);
    // Every unread message from `peer` was marked read at once.
    void conversationRead(const confab::PeerId& peer, int count);
    void eventLogged(const confab::api::EventRecord& event);
    // Something a peer list shows may have changed (presence, unread counts,
    // newest messages, warnings); bursts are coalesced.
    void peersChanged();
    // A call started, changed phase or ended; while one is ongoing, its
    // figures five times a second.
    void callChanged(const confab::api::CallView& call);
    // A file drop was offered to us (notify), and any drop changed state or
    // made progress (a few times a second at most).
    void transferOffered(const confab::api::TransferView& transfer);
    void transferChanged(const confab::api::TransferView& transfer);
    // Microphone test: the peak of the last ~100 ms (0..1 of full scale),
    // then the verdict.
    void microphoneLevel(double level);
    // A room message was stored: sent from here, or received and decrypted.
    void roomMessageStored(const confab::api::RoomMessageView& message);
    // Something a room list or a room's view shows changed: membership,
    // name, receipts, unread counts; bursts are coalesced.
    void roomsChanged();
    void microphoneTestFinished(bool worked, const QString& message);
};

} // namespace confab::api
