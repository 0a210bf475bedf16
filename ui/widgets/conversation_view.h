#pragma once

#include "api/node_types.h"
#include "transfer_actions.h"

#include <QListView>
#include <QUrl>

#include <optional>
#include <vector>

class QMenu;

namespace confab::ui {

class ConversationModel;
class MessageDelegate;

// Shows a ConversationModel newest at the bottom: loads older pages when
// scrolled to the top (keeping what is on screen in place) and follows new
// messages while the user is at the bottom. Links open with a click, or from
// the context menu (menu key or Shift+F10 on the current message), which
// also offers to reply (Ctrl+R) and react to any message, and to edit or
// delete the user's own. A click on a reply's quote goes to the quoted
// message (so does the menu's Go to Quoted Message). A file
// drop's card offers its buttons to a click, all of them and more in its
// context menu, and its main one (Accept, Pause, Resume, Open) to Enter. An
// empty conversation says so and takes no keyboard focus.
class ConversationView : public QListView {
    Q_OBJECT
public:
    explicit ConversationView(QWidget* parent = nullptr);
    void setConversation(ConversationModel* model);
    // What an empty conversation says; empty: "No messages yet. Write the
    // first one below."
    void setEmptyText(const QString& text);

    // The address drawn at `position` (viewport coordinates), if any.
    [[nodiscard]] std::optional<QUrl> linkAt(const QPoint& position) const;
    // Where a message's time and delivery state are drawn (viewport
    // coordinates): under its text, or, while the end of a message taller
    // than the view is out of sight, at the view's bottom edge.
    [[nodiscard]] QRect metaRect(const QModelIndex& index) const;
    // Opens the address with the desktop's handler (QDesktopServices).
    void openLink(const QUrl& url);
    // Scrolls the message in `row` to the middle and selects it (a search
    // result was chosen).
    void showMessage(int row);
    // Just opened: when the first new message is above the view, scrolls it
    // to the top under its "New messages" line.
    void showNewMessages();

    // Whether the context menu's Reply, React, Edit and Delete for Everyone
    // can be chosen (shown greyed out otherwise): not while sending to the
    // peer is off.
    void setChangesAllowed(bool allowed);
    // Where the quote of the reply in `row` is drawn (viewport coordinates);
    // empty when the row is no reply.
    [[nodiscard]] QRect quoteRect(int row) const;
    // Where the reactions' chips of the message in `row` are drawn
    // (viewport coordinates), ours first.
    [[nodiscard]] std::vector<QRect> reactionRects(int row) const;
    // Goes to the message that the reply in `row` quotes, loading older
    // pages if need be; nothing when it is not known.
    void showQuoted(int row);

    // The card button drawn at `position` (viewport coordinates), if any.
    [[nodiscard]] std::optional<TransferAction> transferActionAt(const QPoint& position) const;
    // Where `action`'s button of the card in `row` is drawn (viewport
    // coordinates); empty when the card has none.
    [[nodiscard]] QRect transferButtonRect(int row, TransferAction action) const;

signals:
    void linkOpened(const QUrl& url);
    // A card's button was clicked, its menu entry chosen, or Enter pressed on it.
    void transferActionRequested(confab::ui::TransferAction action,
                                 const confab::api::TransferView& transfer);
    // Edit or Delete for Everyone was chosen on the user's message in `row`.
    void editRequested(int row);
    void deleteRequested(int row);
    // Reply was chosen (or Ctrl+R pressed) on the message in `row`.
    void replyRequested(int row);
    // An emoji was chosen in React on the message in `row`; empty: Take Back Reaction.
    void reactionRequested(int row, const QString& emoji);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    // The time and state pinned to the bottom edge move with it: the whole
    // view is drawn again, not only the strip scrolled in.
    void scrollContentsBy(int dx, int dy) override;
    // At the newest message, it stays in sight as the view gets smaller (a
    // bar over the composer comes) or larger.
    void resizeEvent(QResizeEvent* event) override;

private:
    void copySelection();
    // Edit and Delete for Everyone, when the message in `row` is the user's own.
    void addChangeActions(QMenu& menu, int row);
    // Reply, React and Go to Quoted Message, for a message not deleted.
    void addReplyActions(QMenu& menu, int row);
    // Whether the message in `row` may be replied or reacted to now.
    [[nodiscard]] bool canAnswer(int row) const;
    QString m_emptyText;
    bool atBottom() const;
    // An empty conversation is no Tab stop: nothing there could show the focus.
    void updateTabStop();

    ConversationModel* m_model = nullptr;
    MessageDelegate* m_delegate;
    int m_distanceFromBottom = 0;
    bool m_followBottom = true;
    bool m_shown = false; // the newest page is on screen; scrolling up may load more
    [[nodiscard]] QStyleOptionViewItem itemOption(const QModelIndex& index) const;
    void requestTransferAction(TransferAction action, const QModelIndex& index);

    bool m_changesAllowed = false;
    std::optional<QUrl> m_pressedLink;
    std::optional<TransferAction> m_pressedAction;
    std::optional<int> m_pressedQuote; // the row whose quote the left button went down on
};

} // namespace confab::ui
