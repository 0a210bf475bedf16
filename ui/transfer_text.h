#pragma once

#include "api/node_types.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace confab::ui {

// What a file drop says in words, on its card in the conversation, to a
// screen reader and in notifications: one place, so they all agree.
class TransferText {
    Q_DECLARE_TR_FUNCTIONS(TransferText)
public:
    // How many names the card lists before "and N more".
    static constexpr int kNamesShown = 3;

    // "1.5 MiB", in the user's locale.
    static QString size(quint64 bytes);
    // "3 files", "1 folder", "5 files and 2 folders" (the folders' contents counted).
    static QString counts(const api::TransferView& transfer);
    // "report.pdf, photos, notes.txt and 4 more".
    static QString names(const api::TransferView& transfer);
    // The card's heading: "Bob sends you 2 files (1.5 MiB)", "You send Bob 1 folder (3 KiB)".
    static QString title(const api::TransferView& transfer);
    // Incoming only: whether the sender is verified, said plainly; empty for outgoing drops.
    static QString trust(const api::TransferView& transfer);
    // Where it stands: waiting, paused by whom, received where, declined...
    static QString status(const api::TransferView& transfer);
    // While bytes flow: "3.1 MiB of 10 MiB · 1.2 MiB/s · about 8 s left"; empty otherwise.
    static QString progress(const api::TransferView& transfer);
    // The whole card in sentences, for screen readers and the clipboard.
    static QString accessible(const api::TransferView& transfer);
    // For a notification: a drop offered to us, and one that arrived or failed.
    static QString offeredNotice(const api::TransferView& transfer);
    static QString finishedNotice(const api::TransferView& transfer);
    // After one drop to several peers (a room's members), a drop each:
    // "Offered “big.iso” to 5 members; each sees it in your conversation with
    // them." Short, for the status bar; one drop names its peer instead.
    static QString offeredToMany(const std::vector<api::TransferView>& drops);
    // The peer's name, or a neutral word when the node has none for it.
    static QString peerName(const api::TransferView& transfer);
    // Whole seconds, minutes or hours: "about 8 s left".
    static QString timeLeft(double seconds);
};

} // namespace confab::ui
