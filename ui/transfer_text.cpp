#include "transfer_text.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace confab::ui {

namespace {
bool is(const api::TransferView& transfer, const char* state)
{
    return transfer.state == QLatin1String(state);
}
} // namespace

QString TransferText::size(quint64 bytes)
{
    // One decimal is enough to follow progress: "1.5 MiB", "700 bytes".
    return QLocale().formattedDataSize(static_cast<qint64>(std::min<quint64>(bytes, INT64_MAX)), 1);
}

QString TransferText::peerName(const api::TransferView& transfer)
{
    return transfer.peerName.isEmpty() ? tr("The peer") : transfer.peerName;
}

QString TransferText::counts(const api::TransferView& transfer)
{
    const int files = static_cast<int>(transfer.fileCount);
    const int folders = static_cast<int>(transfer.folderCount);
    if (folders == 0) {
        return tr("%n file(s)", nullptr, files);
    }
    if (files == 0) {
        return tr("%n folder(s)", nullptr, folders);
    }
    return tr("%1 and %2").arg(tr("%n file(s)", nullptr, files), tr("%n folder(s)", nullptr, folders));
}

QString TransferText::names(const api::TransferView& transfer)
{
    const QStringList& all = transfer.names;
    const QStringList shown = all.mid(0, kNamesShown);
    const auto more = static_cast<int>(all.size() - shown.size());
    const QString listed = shown.join(QStringLiteral(", "));
    return more > 0 ? tr("%1 and %n more", nullptr, more).arg(listed) : listed;
}

QString TransferText::offeredToMany(const std::vector<api::TransferView>& drops)
{
    if (drops.empty()) {
        return QString();
    }
    const api::TransferView& first = drops.front();
    // One name in quotes, like a title; several as the card lists them.
    const QString what = first.names.size() == 1 ? tr("“%1”").arg(first.names.constFirst()) : names(first);
    if (drops.size() == 1) {
        return tr("Offered %1 to %2; it shows in your conversation with them.").arg(what, peerName(first));
    }
    // Two or more: a plural of its own (no %n), so English needs no translation file.
    return tr("Offered %1 to %2 members; each sees it in your conversation with them.")
        .arg(what, QString::number(drops.size()));
}

QString TransferText::title(const api::TransferView& transfer)
{
    const QString what = tr("%1 (%2)").arg(counts(transfer), size(transfer.totalBytes));
    return transfer.outgoing ? tr("You send %1 %2").arg(peerName(transfer), what)
                             : tr("%1 sends you %2").arg(peerName(transfer), what);
}

QString TransferText::trust(const api::TransferView& transfer)
{
    if (transfer.outgoing) {
        return QString();
    }
    return transfer.peerVerified
               ? tr("✓ From a verified contact")
               : tr("%1 is not verified: accept only files you expect from them.").arg(peerName(transfer));
}

QString TransferText::timeLeft(double seconds)
{
    const auto whole = static_cast<qint64>(std::ceil(std::max(seconds, 1.0)));
    if (whole < 60) {
        return tr("about %n s left", nullptr, static_cast<int>(whole));
    }
    if (whole < 3600) {
        return tr("about %n min left", nullptr, static_cast<int>((whole + 59) / 60));
    }
    return tr("about %n h left", nullptr, static_cast<int>((whole + 3599) / 3600));
}

QString TransferText::progress(const api::TransferView& transfer)
{
    if (!is(transfer, "transferring")) {
        return QString();
    }
    QString text = tr("%1 of %2").arg(size(transfer.bytesDone), size(transfer.totalBytes));
    const bool flowing = transfer.bytesPerSecond > 0 && !transfer.pausedHere && !transfer.pausedThere;
    if (flowing) {
        const double left =
            static_cast<double>(transfer.totalBytes - std::min(transfer.bytesDone, transfer.totalBytes));
        text += QStringLiteral(" · ") + tr("%1/s").arg(size(static_cast<quint64>(transfer.bytesPerSecond))) +
                QStringLiteral(" · ") + timeLeft(left / transfer.bytesPerSecond);
    }
    return text;
}

QString TransferText::status(const api::TransferView& transfer)
{
    const QString peer = peerName(transfer);
    if (is(transfer, "preparing")) {
        return tr("Preparing: reading and checking the files…");
    }
    if (is(transfer, "offered")) {
        return transfer.outgoing ? tr("Waiting for %1 to accept.").arg(peer)
                                 : tr("Waiting for you to accept.");
    }
    if (is(transfer, "transferring")) {
        if (transfer.pausedHere) {
            return tr("Paused by you.");
        }
        if (transfer.pausedThere) {
            return tr("Paused by %1.").arg(peer);
        }
        return transfer.outgoing ? tr("Sending…") : tr("Receiving…");
    }
    if (is(transfer, "completed")) {
        return transfer.outgoing ? tr("Sent: %1 has it all.").arg(peer)
                                 : tr("Received, saved in %1.").arg(transfer.folder);
    }
    if (is(transfer, "declined")) {
        return transfer.outgoing ? tr("%1 declined.").arg(peer) : tr("You declined.");
    }
    if (is(transfer, "cancelled")) {
        return tr("Cancelled.");
    }
    if (is(transfer, "failed")) {
        return tr("Failed.");
    }
    return transfer.state;
}

QString TransferText::accessible(const api::TransferView& transfer)
{
    QStringList parts{title(transfer) + QLatin1Char('.'), names(transfer) + QLatin1Char('.')};
    if (!transfer.outgoing) {
        parts << trust(transfer);
    }
    parts << status(transfer);
    if (const QString flowing = progress(transfer); !flowing.isEmpty()) {
        parts << flowing + QLatin1Char('.');
    }
    if (!transfer.problem.isEmpty()) {
        parts << transfer.problem;
    }
    return parts.join(QLatin1Char(' '));
}

QString TransferText::offeredNotice(const api::TransferView& transfer)
{
    return tr("%1: %2. %3").arg(title(transfer), names(transfer), trust(transfer));
}

QString TransferText::finishedNotice(const api::TransferView& transfer)
{
    if (is(transfer, "completed")) {
        return tr("Received %1 from %2, saved in %3.")
            .arg(names(transfer), peerName(transfer), transfer.folder);
    }
    const QString why = transfer.problem.isEmpty() ? status(transfer) : transfer.problem;
    return transfer.outgoing
               ? tr("%1 could not be sent to %2: %3").arg(names(transfer), peerName(transfer), why)
               : tr("%1 from %2 did not arrive: %3").arg(names(transfer), peerName(transfer), why);
}

} // namespace confab::ui
