#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace confab::ui {

// What a message's reactions (one emoji from each side at most) are, drawn
// and in words: one place, so the chips, the tooltip and the screen reader
// agree.
class ReactionText {
    Q_DECLARE_TR_FUNCTIONS(ReactionText)
public:
    // One rounded chip under a bubble: "👍", or "👍 2" when both chose it.
    struct Chip {
        QString emoji;
        int count = 1;
        bool ours = false; // the user's own reaction is among it: drawn in the accent colour
        // The count as the chip shows it after the emoji; empty for one.
        [[nodiscard]] QString countText() const;
        [[nodiscard]] QString text() const;
    };

    // The emoji the React menu offers, the most common ones in messengers.
    static QStringList choices();
    // The chips for the user's reaction `own` and the peer's `peer` (empty:
    // none), ours first.
    static std::vector<Chip> chips(const QString& own, const QString& peer);
    // "Reactions: you 👍, Bob 😂"; empty when there are none.
    static QString summary(const QString& own, const QString& peer, const QString& peerName);
};

} // namespace confab::ui
