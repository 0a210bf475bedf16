#pragma once

#include "api/node_client.h"

#include <QObject>
#include <QTimer>

class QAction;
class QActionGroup;
class QMenu;
class QToolButton;
class QWidget;

namespace confab::ui {

// The user's presence in the window: a button in the status bar and a
// Status menu with Available, Away and Busy; "away" by itself once nobody
// has used Confab for the idle time the settings give, and available again
// at the next key press or mouse move. While busy (do not disturb) it says
// quiet(true): the window shows no notifications and plays no sounds.
class PresenceControl : public QObject {
    Q_OBJECT
public:
    PresenceControl(api::NodeClient& client, QWidget& window, QObject* parent = nullptr);
    ~PresenceControl() override;

    [[nodiscard]] QToolButton* button() const { return m_button; }
    [[nodiscard]] QMenu* menu() const { return m_menu; }
    [[nodiscard]] api::Presence current() const { return m_current; }
    // Away because nobody used Confab for a while (not chosen).
    [[nodiscard]] bool isAwayForIdle() const { return m_awayForIdle; }

    // The user chose it (the menu, or a test).
    void choose(api::Presence presence);
    // What the node says it is, at start and on every status refresh.
    void showNodePresence(api::Presence presence);
    // Away after `ms` without input; 0: never.
    void setIdleLimitMs(qint64 ms);
    [[nodiscard]] qint64 idleLimitMs() const { return m_idleLimitMs; }

signals:
    void quietChanged(bool quiet);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void show(api::Presence presence);
    void goIdle();
    void tell(api::Presence presence, api::Node::PresenceOrigin origin);

    api::NodeClient& m_node;
    QMenu* m_menu;
    QToolButton* m_button;
    QActionGroup* m_group;
    QAction* m_available;
    QAction* m_away;
    QAction* m_busy;
    QTimer m_idle;
    qint64 m_idleLimitMs = 0;
    api::Presence m_current = api::Presence::Available;
    bool m_awayForIdle = false;
    // Changes told to the node and not confirmed yet: until then, what an
    // earlier status reply says is out of date.
    int m_unconfirmed = 0;
};

} // namespace confab::ui
