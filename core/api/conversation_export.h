#pragma once

#include "node_types.h"

#include <QDateTime>
#include <QString>

namespace confab::api {

// What an exported conversation says about itself besides its messages.
struct ExportHeading {
    QString ownName;
    QString peerName;
    PeerId peer;
    // When it was exported; the messages' times are written in its time zone.
    QDateTime exportedAt;
};

// A conversation as a document a person reads and keeps, oldest message
// first: plain text with one message per line (continuation lines
// indented), or one self-contained HTML page that loads and runs nothing.
// Control characters a peer may have sent are shown as U+FFFD, so printing
// the text cannot drive a terminal.
QString writeConversation(const ExportHeading& heading, const StoredMessages& messages, ExportFormat format);

} // namespace confab::api
