#pragma once

#include "api/node_types.h"
#include "transfer_actions.h"

#include <QListView>
#include <QUrl>

#include <optional>

class QMenu;

namespace confab::ui {

class ConversationModel;
class MessageDelegate;

// Shows a ConversationModel newest at the bottom: loads older pages when
// scrolled to the top (keeping what is on screen in place) and follows new
// messages while the user is at the bottom. Links open with a click, or from
// the context menu (menu key or Shift+F10 on the current message), which
// also offers to edit or delete the user's own messages. A file
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

    // Whether the context menu's Edit and Delete for Everyone can be chosen
    // (shown greyed out otherwise): not while sending to the peer is off.
    void setChangesAllowed(bool allowed);

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

private:
    void copySelection();
    // Edit and Delete for Everyone, when the message in `row` is the user's own.
    void addChangeActions(QMenu& menu, int row);
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
};

} // namespace confab::ui
