#include "call_bar.h"

#include "call_text.h"
#include "level_meter_widget.h"
#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

CallBar::CallBar(QWidget* parent)
    : QFrame(parent), m_peer(new QLabel(this)), m_state(new QLabel(this)),
      m_level(new LevelMeterWidget(this)), m_mute(new QToolButton(this)), m_pushToTalk(new QToolButton(this)),
      m_talk(new QToolButton(this)), m_hangUp(new QPushButton(tr("&Hang Up"), this)),
      m_notice(new QLabel(this)), m_hideTimer(new QTimer(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Call"));

    QFont bold = m_peer->font();
    bold.setBold(true);
    m_peer->setFont(bold);
    m_peer->setAccessibleName(tr("Call partner"));
    m_state->setAccessibleName(tr("Call state"));
    // Room for "Ringing…" and "1:00:00" without the row jumping as it counts.
    m_state->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Ringing…  ")));

    m_mute->setText(tr("Mute"));
    m_mute->setCheckable(true);
    m_mute->setAccessibleName(tr("Mute the microphone"));
    m_mute->setToolTip(tr("Mute or unmute your microphone (Ctrl+M)"));
    m_pushToTalk->setText(tr("Push to Talk"));
    m_pushToTalk->setCheckable(true);
    m_pushToTalk->setAccessibleName(tr("Push to talk"));
    m_pushToTalk->setToolTip(
        tr("When on, your microphone is closed except while you hold Space or the Talk button"));
    m_talk->setText(tr("Talk"));
    m_talk->setAccessibleName(tr("Hold to talk"));
    m_talk->setToolTip(tr("Hold to speak (or hold Space outside the message box)"));
    m_talk->hide();
    for (QToolButton* button : {m_mute, m_pushToTalk, m_talk}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::StrongFocus);
    }
    m_hangUp->setAccessibleName(tr("Hang up"));
    m_hangUp->setToolTip(tr("End the call (Ctrl+Shift+H)"));
    m_hangUp->setAutoDefault(false);

    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Call notice"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    connect(m_mute, &QToolButton::toggled, this, &CallBar::muteToggled);
    connect(m_pushToTalk, &QToolButton::toggled, this, &CallBar::pushToTalkToggled);
    connect(m_talk, &QToolButton::pressed, this, [this] { emit talkHeld(true); });
    connect(m_talk, &QToolButton::released, this, [this] { emit talkHeld(false); });
    connect(m_hangUp, &QPushButton::clicked, this, &CallBar::hangUpRequested);
    m_hideTimer->setSingleShot(true);
    connect(m_hideTimer, &QTimer::timeout, this, &QWidget::hide);

    auto* row = new QHBoxLayout;
    row->addWidget(m_peer);
    row->addWidget(m_state);
    row->addWidget(m_level, 1);
    row->addWidget(m_mute);
    row->addWidget(m_pushToTalk);
    row->addWidget(m_talk);
    row->addWidget(m_hangUp);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(row);
    layout->addWidget(m_notice);
    setTabOrder(m_mute, m_pushToTalk);
    setTabOrder(m_pushToTalk, m_talk);
    setTabOrder(m_talk, m_hangUp);
    updateColours();
}

void CallBar::showCall(const api::CallView& call, const QString& peerName)
{
    m_roomCall = false;
    m_peer->setAccessibleName(tr("Call partner"));
    showOngoing(call, peerName, CallText::state(call));
    const bool active = call.phase == api::CallPhase::Active;
    m_hangUp->setText(active ? tr("&Hang Up") : tr("&Cancel Call"));
    m_hangUp->setAccessibleName(active ? tr("Hang up") : tr("Cancel the call"));
    m_hangUp->setToolTip(tr("End the call (Ctrl+Shift+H)"));
}

void CallBar::showRoomCall(const api::CallView& call, const QString& roomName, int peopleInCall)
{
    m_roomCall = true;
    m_peer->setAccessibleName(tr("Room of the call"));
    showOngoing(call, roomName, CallText::roomState(call, peopleInCall));
    // Leaving is all this side can do: the others go on talking.
    m_hangUp->setText(tr("&Leave Call"));
    m_hangUp->setAccessibleName(tr("Leave the room call"));
    m_hangUp->setToolTip(tr("Leave the room's call; the others stay in it (Ctrl+Shift+H)"));
}

void CallBar::showOngoing(const api::CallView& call, const QString& title, const QString& state)
{
    m_hideTimer->stop();
    m_ended = false;
    m_peer->setText(title);
    m_state->setText(state);
    const bool active = call.phase == api::CallPhase::Active;
    m_level->setEnabled(active && !call.muted);
    m_level->setLevel(active ? call.inputLevel : 0.0);
    m_muted = call.muted;
    {
        const QSignalBlocker blocker(m_mute);
        m_mute->setChecked(call.muted);
    }
    m_mute->setText(call.muted ? tr("Unmute") : tr("Mute"));
    for (QWidget* control : {static_cast<QWidget*>(m_level), static_cast<QWidget*>(m_mute),
                             static_cast<QWidget*>(m_pushToTalk), static_cast<QWidget*>(m_hangUp)}) {
        control->show();
    }
    m_talk->setVisible(m_pushToTalkOn);
    m_audioNotice = call.audioNotice;
    m_microphoneWorks = call.microphoneWorks;
    m_speakerWorks = call.speakerWorks;
    if (!m_audioNotice.isEmpty() && m_microphoneWorks && m_speakerWorks) {
        m_microphoneWorks = m_speakerWorks = false; // a failure the node did not place: say the worst
    }
    updateNotice();
    show();
}

void CallBar::showEnded(const api::CallView& call, const QString& peerName)
{
    m_roomCall = false;
    showFinished(peerName, CallText::endReason(call.endReason, peerName));
}

void CallBar::showRoomEnded(api::CallEndReason lastReason, const QString& roomName)
{
    m_roomCall = true;
    showFinished(roomName, CallText::roomEndReason(lastReason));
}

void CallBar::showFinished(const QString& title, const QString& state)
{
    m_ended = true;
    m_peer->setText(title);
    m_state->setText(state);
    m_level->setLevel(0.0);
    // The call's controls go with it: a left-over (disabled) "Unmute" would
    // say that a microphone is still muted.
    m_muted = false;
    {
        const QSignalBlocker blocker(m_mute);
        m_mute->setChecked(false);
    }
    m_mute->setText(tr("Mute"));
    for (QWidget* control :
         {static_cast<QWidget*>(m_level), static_cast<QWidget*>(m_mute), static_cast<QWidget*>(m_pushToTalk),
          static_cast<QWidget*>(m_talk), static_cast<QWidget*>(m_hangUp)}) {
        control->hide();
    }
    m_audioNotice.clear();
    m_microphoneWorks = m_speakerWorks = true;
    updateNotice();
    show();
    m_hideTimer->start(kEndedShownMs);
}

void CallBar::setPushToTalk(bool on)
{
    m_pushToTalkOn = on;
    {
        const QSignalBlocker blocker(m_pushToTalk);
        m_pushToTalk->setChecked(on);
    }
    m_talk->setVisible(on && !m_ended);
    if (!on) {
        m_talking = false;
    }
    updateNotice();
}

void CallBar::setTalking(bool talking)
{
    m_talking = talking;
    m_talk->setDown(talking);
    updateNotice();
}

QString CallBar::peerText() const
{
    return m_peer->text();
}

QString CallBar::stateText() const
{
    return m_state->text();
}

QString CallBar::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void CallBar::updateNotice()
{
    QString text;
    m_warning = false;
    const bool soundFailed = !m_ended && (!m_microphoneWorks || !m_speakerWorks);
    if (soundFailed) {
        // One sentence on what the user misses; the node's account of what
        // the sound card said is there for whoever asks (tooltip, screen reader).
        const QString peer = m_peer->text();
        if (m_roomCall) {
            text = CallText::roomSoundNotice(m_microphoneWorks, m_speakerWorks);
        } else if (!m_microphoneWorks && !m_speakerWorks) {
            text = tr("Your microphone and speaker could not be opened: the call goes on without sound.");
        } else if (!m_microphoneWorks) {
            text = tr("Your microphone could not be opened: %1 hears nothing from you, but you hear them.")
                       .arg(peer);
        } else {
            text = tr("Your speaker could not be opened: you hear nothing from %1, but they hear you.")
                       .arg(peer);
        }
        m_warning = true;
    } else if (!m_ended && m_muted) {
        text = m_roomCall ? tr("Your microphone is muted: nobody in the call hears you.")
                          : tr("Your microphone is muted: %1 hears nothing from you.").arg(m_peer->text());
    } else if (!m_ended && m_pushToTalkOn) {
        text = m_talking
                   ? tr("Talking — release to close the microphone.")
                   : tr("Push to talk: hold Space (outside the message box) or the Talk button to speak.");
    }
    m_notice->setText(text);
    m_notice->setToolTip(soundFailed ? m_audioNotice : QString());
    m_notice->setAccessibleDescription(soundFailed ? m_audioNotice : QString());
    m_notice->setVisible(!text.isEmpty());
    updateColours();
}

void CallBar::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
    }
}

void CallBar::updateColours()
{
    // A tint of the highlight sets the bar apart from the conversation.
    QPalette tinted = palette();
    const QColor background = theme::callBackground(tinted);
    if (tinted.color(QPalette::Window) != background) {
        tinted.setColor(QPalette::Window, background);
        setPalette(tinted);
    }
    QPalette noticePalette = m_notice->palette();
    noticePalette.setColor(QPalette::WindowText,
                           m_warning ? theme::danger(tinted) : tinted.color(QPalette::WindowText));
    m_notice->setPalette(noticePalette);
}

} // namespace confab::ui
