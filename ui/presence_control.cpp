#include "presence_control.h"

#include "api/node.h"
#include "widgets/presence_dot.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QToolButton>

#include <algorithm>
#include <limits>

namespace confab::ui {
namespace {

bool isUserInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        return true;
    default:
        return false;
    }
}

} // namespace

PresenceControl::PresenceControl(api::NodeClient& client, QWidget& window, QObject* parent)
    : QObject(parent), m_node(client), m_menu(new QMenu(tr("Sta&tus"), &window)),
      m_button(new QToolButton(&window)), m_group(new QActionGroup(this))
{
    const QPalette& palette = window.palette();
    m_available = m_menu->addAction(presenceIcon(palette, api::Presence::Available), tr("&Available"));
    m_away = m_menu->addAction(presenceIcon(palette, api::Presence::Away), tr("A&way"));
    m_busy = m_menu->addAction(presenceIcon(palette, api::Presence::Busy), tr("&Busy — do not disturb"));
    m_available->setToolTip(tr("Peers see you are there"));
    m_away->setToolTip(tr("Peers see you are not at the computer"));
    m_busy->setToolTip(tr("Peers see you do not want to be disturbed; no notifications or sounds here"));
    for (QAction* action : {m_available, m_away, m_busy}) {
        action->setCheckable(true);
        m_group->addAction(action);
    }
    m_available->setChecked(true);
    connect(m_available, &QAction::triggered, this, [this] { choose(api::Presence::Available); });
    connect(m_away, &QAction::triggered, this, [this] { choose(api::Presence::Away); });
    connect(m_busy, &QAction::triggered, this, [this] { choose(api::Presence::Busy); });

    m_button->setMenu(m_menu);
    m_button->setPopupMode(QToolButton::InstantPopup);
    m_button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_button->setAutoRaise(true);
    m_button->setAccessibleName(tr("Your status"));
    m_button->setToolTip(tr("Your status, as peers see it. Change it here or in File → Status."));
    show(api::Presence::Available);

    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &PresenceControl::goIdle);
    qApp->installEventFilter(this);
}

PresenceControl::~PresenceControl()
{
    qApp->removeEventFilter(this);
}

void PresenceControl::choose(api::Presence presence)
{
    m_awayForIdle = false;
    show(presence);
    tell(presence, api::Node::PresenceOrigin::Chosen);
}

void PresenceControl::showNodePresence(api::Presence presence)
{
    if (m_unconfirmed == 0 && presence != m_current) {
        // Changed elsewhere (confabctl status-set): that is the user's choice now.
        m_awayForIdle = false;
        show(presence);
    }
}

void PresenceControl::setIdleLimitMs(qint64 ms)
{
    m_idleLimitMs = ms;
    if (ms > 0) {
        m_idle.start(static_cast<int>(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    } else {
        m_idle.stop();
    }
}

bool PresenceControl::eventFilter(QObject* watched, QEvent* event)
{
    if (isUserInput(event->type())) {
        if (m_idleLimitMs > 0) {
            m_idle.start(); // the interval set last
        }
        if (m_awayForIdle) {
            m_awayForIdle = false;
            show(api::Presence::Available);
            tell(api::Presence::Available, api::Node::PresenceOrigin::Idle);
        }
    }
    return QObject::eventFilter(watched, event);
}

void PresenceControl::goIdle()
{
    // Only from available: a chosen away or busy stays as chosen.
    if (m_current != api::Presence::Available) {
        return;
    }
    m_awayForIdle = true;
    show(api::Presence::Away);
    tell(api::Presence::Away, api::Node::PresenceOrigin::Idle);
}

void PresenceControl::tell(api::Presence presence, api::Node::PresenceOrigin origin)
{
    ++m_unconfirmed;
    m_node.call(
        this,
        [presence, origin](api::Node& node) {
            node.setPresence(presence, origin);
            return true;
        },
        [this](bool) { --m_unconfirmed; });
}

void PresenceControl::show(api::Presence presence)
{
    const bool wasQuiet = m_current == api::Presence::Busy;
    m_current = presence;
    QAction* action = presence == api::Presence::Busy   ? m_busy
                      : presence == api::Presence::Away ? m_away
                                                        : m_available;
    action->setChecked(true);
    m_button->setIcon(action->icon());
    m_button->setText(presence == api::Presence::Busy   ? tr("Busy")
                      : presence == api::Presence::Away ? tr("Away")
                                                        : tr("Available"));
    m_button->setAccessibleDescription(action->toolTip());
    if (wasQuiet != (presence == api::Presence::Busy)) {
        emit quietChanged(presence == api::Presence::Busy);
    }
}

} // namespace confab::ui
