#include "reaction_text.h"

#include <QLocale>

namespace confab::ui {

QStringList ReactionText::choices()
{
    return {QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
            QStringLiteral("😮"), QStringLiteral("😢"),      QStringLiteral("🙏")};
}

std::vector<ReactionText::Chip> ReactionText::chips(const QString& own, const QString& peer)
{
    std::vector<Chip> result;
    if (!own.isEmpty() && own == peer) {
        result.push_back({own, 2, true});
        return result;
    }
    if (!own.isEmpty()) {
        result.push_back({own, 1, true});
    }
    if (!peer.isEmpty()) {
        result.push_back({peer, 1, false});
    }
    return result;
}

QString ReactionText::Chip::countText() const
{
    return count > 1 ? QLocale().toString(count) : QString();
}

QString ReactionText::Chip::text() const
{
    //: A reaction chip under a message both sides chose: "👍 2".
    return count > 1 ? tr("%1 %2").arg(emoji, countText()) : emoji;
}

QString ReactionText::summary(const QString& own, const QString& peer, const QString& peerName)
{
    QStringList who;
    if (!own.isEmpty()) {
        //: One reaction in "Reactions: you 👍, Bob 😂".
        who << tr("you %1").arg(own);
    }
    if (!peer.isEmpty()) {
        //: One reaction in "Reactions: you 👍, Bob 😂": the peer's name, then the emoji.
        who << tr("%1 %2").arg(peerName, peer);
    }
    if (who.isEmpty()) {
        return QString();
    }
    return tr("Reactions: %1").arg(who.join(tr(", ")));
}

} // namespace confab::ui
