#pragma once

#include "base/peer_id.h"
#include "base/result.h"

#include <QString>
#include <QStringList>

namespace confab::api {

// What one person gives another so that they can add them and trust their
// key at once ("My address" in the window, `confabctl id`): the node's ID,
// its key's fingerprint, its name and the addresses it can be reached at.
// Written as a URI, one line that survives copy and paste, chat and QR codes:
//
//   confab:ID?fp=FINGERPRINT&name=NAME&at=HOST:PORT&at=HOST:PORT
//
// FINGERPRINT is the 30 digits of crypto::fingerprint without spaces; NAME
// and the addresses are percent-encoded. The ID alone already binds the key
// (it is derived from it); the fingerprint is what the two people can also
// read to each other.
struct ContactCard {
    PeerId id;
    QString fingerprint;   // 30 digits in groups of five, as NodeStatus::fingerprint shows it
    QString name;          // may be empty
    QStringList addresses; // "host:port", the likeliest first
};

// The most addresses a card carries (and a parsed one may hold), and the
// longest text accepted as one.
inline constexpr int kMaxContactCardAddresses = 16;
inline constexpr int kMaxContactCardChars = 2048;

[[nodiscard]] QString formatContactCard(const ContactCard& card);
// True for text that is meant as a card (the "confab:" scheme), valid or not.
[[nodiscard]] bool looksLikeContactCard(const QString& text);
// The card in `text` (spaces and line breaks around it ignored), or a
// sentence for the user saying what is wrong with it.
[[nodiscard]] Result<ContactCard, QString> parseContactCard(const QString& text);

// The same fingerprint whatever the spacing ("0123401234..." or grouped).
[[nodiscard]] bool sameFingerprint(const QString& a, const QString& b);

} // namespace confab::api
