#include "room_call_panel.h"

#include "call_text.h"
#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace confab::ui {

namespace {
// Longer names are cut with "…" (the whole name is the tooltip), so one
// long name does not push every row's buttons out of the pane.
constexpr int kNameEms = 16;

QString speakingText()
{
    return QStringLiteral("\u25CF ") + RoomCallPanel::tr("speaking");
}

// Wide enough for the widest of `texts`: the column keeps its place whatever it says.
int widestOf(const QFontMetrics& metrics, const QStringList& texts)
{
    int widest = 0;
    for (const QString& text : texts) {
        widest = std::max(widest, metrics.horizontalAdvance(text));
    }
    return widest + metrics.averageCharWidth() * 2;
}
} // namespace

RoomCallPanel::RoomCallPanel(QWidget* parent)
    : QFrame(parent), m_title(new QLabel(tr("Room call"), this)), m_state(new QLabel(this)),
      m_join(new QPushButton(tr("&Join"), this)), m_decline(new QPushButton(tr("&Decline"), this)),
      m_mute(new QPushButton(tr("Mute"), this)), m_leave(new QPushButton(tr("&Leave Call"), this)),
      m_notice(new QLabel(this)), m_rowsLayout(new QVBoxLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Room call"));

    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setAccessibleName(tr("Room call"));
    m_state->setAccessibleName(tr("Call state"));

    m_join->setAccessibleName(tr("Join the room call"));
    m_join->setToolTip(tr("Join the call (Ctrl+Shift+A)"));
    m_decline->setAccessibleName(tr("Decline the room call"));
    m_decline->setToolTip(tr("Decline the call (Ctrl+Shift+D)"));
    m_mute->setCheckable(true);
    m_mute->setAccessibleName(tr("Mute the microphone"));
    m_mute->setToolTip(tr("Mute or unmute your microphone for everyone in the call (Ctrl+M)"));
    // Room for "Unmute" without the buttons beside it moving.
    m_mute->setMinimumWidth(std::max(m_mute->sizeHint().width(), [this] {
        const QSignalBlocker blocker(m_mute);
        m_mute->setText(tr("Unmute"));
        const int width = m_mute->sizeHint().width();
        m_mute->setText(tr("Mute"));
        return width;
    }()));
    m_leave->setAccessibleName(tr("Leave the room call"));
    m_leave->setToolTip(tr("Leave the call; the others stay in it (Ctrl+Shift+H)"));
    for (QPushButton* button : {m_join, m_decline, m_mute, m_leave}) {
        button->setAutoDefault(false);
    }
    connect(m_join, &QPushButton::clicked, this, &RoomCallPanel::joinRequested);
    connect(m_decline, &QPushButton::clicked, this, &RoomCallPanel::declineRequested);
    connect(m_mute, &QPushButton::clicked, this, &RoomCallPanel::muteToggled);
    connect(m_leave, &QPushButton::clicked, this, &RoomCallPanel::leaveRequested);

    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Call notice"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addWidget(m_state, 1);
    top->addWidget(m_join);
    top->addWidget(m_decline);
    top->addWidget(m_mute);
    top->addWidget(m_leave);
    m_rowsLayout->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(top);
    layout->addLayout(m_rowsLayout);
    layout->addWidget(m_notice);
    chainTabs();
    updateColours();
}

bool RoomCallPanel::isSpeaking(const api::CallView& link)
{
    return link.phase == api::CallPhase::Active && !link.silenced && link.playbackLevel > kSpeakingLevel;
}

QString RoomCallPanel::rowText(const Member& member, bool joined)
{
    QStringList parts{member.name, CallText::memberState(member.link, joined)};
    if (member.link.silenced) {
        parts << tr("silenced");
    } else if (isSpeaking(member.link)) {
        parts << tr("speaking");
    }
    return parts.join(QStringLiteral(", "));
}

void RoomCallPanel::showCall(const api::CallView& call, int peopleInCall, const std::vector<Member>& members)
{
    const bool joined = call.phase != api::CallPhase::Incoming;
    m_state->setText(CallText::roomState(call, peopleInCall));
    // While it rings here the choice is whether to join; once in, how to be in it.
    m_join->setVisible(!joined);
    m_decline->setVisible(!joined);
    m_mute->setVisible(joined);
    m_leave->setVisible(joined);
    {
        const QSignalBlocker blocker(m_mute);
        m_mute->setChecked(call.muted);
    }
    m_mute->setText(call.muted ? tr("Unmute") : tr("Mute"));
    m_mute->setAccessibleName(call.muted ? tr("Unmute the microphone") : tr("Mute the microphone"));

    bool changed = removeRowsNotIn(members);
    for (const Member& member : members) {
        Row* known = find(member.link.peer);
        if (known == nullptr) {
            known = &addRow(member.link.peer);
            changed = true;
        }
        updateRow(*known, member, joined);
    }
    if (changed) {
        alignNames(members);
        chainTabs();
    }

    QString notice;
    bool warning = false;
    if (joined) {
        bool microphone = call.microphoneWorks;
        bool speaker = call.speakerWorks;
        if (!call.audioNotice.isEmpty() && microphone && speaker) {
            microphone = speaker = false; // a failure the node did not place: say the worst
        }
        notice = CallText::roomSoundNotice(microphone, speaker);
        warning = !notice.isEmpty();
        if (notice.isEmpty() && call.muted) {
            notice = tr("Your microphone is muted: nobody in the call hears you.");
        }
    }
    m_notice->setText(notice);
    m_notice->setToolTip(warning ? call.audioNotice : QString());
    m_notice->setAccessibleDescription(warning ? call.audioNotice : QString());
    m_notice->setVisible(!notice.isEmpty());
    QPalette noticePalette = m_notice->palette();
    noticePalette.setColor(QPalette::WindowText,
                           warning ? theme::danger(palette()) : palette().color(QPalette::WindowText));
    m_notice->setPalette(noticePalette);
}

QString RoomCallPanel::titleText() const
{
    return m_title->text();
}

QString RoomCallPanel::stateText() const
{
    return m_state->text();
}

QString RoomCallPanel::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

const RoomCallPanel::Row* RoomCallPanel::find(const PeerId& peer) const
{
    const auto found =
        std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& row) { return row.peer == peer; });
    return found != m_rows.end() ? &*found : nullptr;
}

RoomCallPanel::Row* RoomCallPanel::find(const PeerId& peer)
{
    return const_cast<Row*>(std::as_const(*this).find(peer));
}

QWidget* RoomCallPanel::row(const PeerId& peer) const
{
    const Row* found = find(peer);
    return found != nullptr ? found->widget : nullptr;
}

QLabel* RoomCallPanel::stateLabel(const PeerId& peer) const
{
    const Row* found = find(peer);
    return found != nullptr ? found->state : nullptr;
}

QLabel* RoomCallPanel::speakingLabel(const PeerId& peer) const
{
    const Row* found = find(peer);
    return found != nullptr ? found->speaking : nullptr;
}

QPushButton* RoomCallPanel::silenceButton(const PeerId& peer) const
{
    const Row* found = find(peer);
    return found != nullptr ? found->silence : nullptr;
}

RoomCallPanel::Row& RoomCallPanel::addRow(const PeerId& peer)
{
    Row row;
    row.peer = peer;
    row.widget = new QWidget(this);
    row.name = new QLabel(row.widget);
    row.name->setAccessibleName(tr("Member"));
    row.state = new QLabel(row.widget);
    row.state->setAccessibleName(tr("Member's state"));
    row.state->setMinimumWidth(widestOf(
        row.state->fontMetrics(), {tr("calling you"), tr("ringing"), tr("connecting"), tr("in the call")}));
    row.speaking = new QLabel(row.widget);
    row.speaking->setAccessibleName(tr("Speaking"));
    row.speaking->setMinimumWidth(widestOf(row.speaking->fontMetrics(), {speakingText(), tr("silenced")}));
    row.silence = new QPushButton(tr("Silence"), row.widget);
    row.silence->setCheckable(true);
    row.silence->setAutoDefault(false);
    const int silenceWidth = row.silence->sizeHint().width();
    row.silence->setText(tr("Hear"));
    row.silence->setMinimumWidth(std::max(silenceWidth, row.silence->sizeHint().width()));
    connect(row.silence, &QPushButton::clicked, this,
            [this, peer](bool silenced) { emit silenceToggled(peer, silenced); });

    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.name);
    layout->addWidget(row.state);
    layout->addWidget(row.speaking);
    layout->addStretch(1);
    layout->addWidget(row.silence);
    m_rowsLayout->addWidget(row.widget);
    row.widget->show();
    m_rows.push_back(row);
    return m_rows.back();
}

void RoomCallPanel::updateRow(Row& row, const Member& member, bool joined)
{
    const api::CallView& link = member.link;
    QFont bold = row.name->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    row.name->setText(metrics.elidedText(member.name, Qt::ElideRight, metrics.averageCharWidth() * kNameEms));
    row.name->setToolTip(member.name);
    row.state->setText(CallText::memberState(link, joined));
    row.speaks = isSpeaking(link);
    row.silenced = link.silenced;
    row.speaking->setText(row.silenced ? tr("silenced") : (row.speaks ? speakingText() : QString()));
    {
        const QSignalBlocker blocker(row.silence);
        row.silence->setChecked(link.silenced);
    }
    row.silence->setText(link.silenced ? tr("Hear") : tr("Silence"));
    row.silence->setAccessibleName(link.silenced ? tr("Hear %1 again").arg(member.name)
                                                 : tr("Stop hearing %1").arg(member.name));
    row.silence->setToolTip(link.silenced
                                ? tr("Hear %1 again").arg(member.name)
                                : tr("Stop hearing %1 here; the others still hear them").arg(member.name));
    // Nothing to silence before this side is in the call.
    row.silence->setVisible(joined);
    row.silence->setEnabled(link.phase != api::CallPhase::Incoming);
    const QString text = rowText(member, joined);
    row.widget->setAccessibleName(text);
    row.silence->setAccessibleDescription(text);
    colourRow(row);
}

bool RoomCallPanel::removeRowsNotIn(const std::vector<Member>& members)
{
    // Partitioned, not removed: the rows that go must keep their widgets to delete.
    const auto gone = std::stable_partition(m_rows.begin(), m_rows.end(), [&](const Row& row) {
        return std::any_of(members.begin(), members.end(),
                           [&](const Member& member) { return member.link.peer == row.peer; });
    });
    const bool any = gone != m_rows.end();
    for (auto it = gone; it != m_rows.end(); ++it) {
        // Hidden at once (the keyboard moves on from it); deleted once this event is over.
        it->widget->hide();
        m_rowsLayout->removeWidget(it->widget);
        it->widget->deleteLater();
    }
    m_rows.erase(gone, m_rows.end());
    return any;
}

void RoomCallPanel::alignNames(const std::vector<Member>& members)
{
    if (m_rows.empty()) {
        return;
    }
    // Measured in bold, as a speaker's name is shown: the column does not move when someone speaks.
    QFont bold = m_rows.front().name->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (const Member& member : members) {
        widest = std::max(widest, metrics.horizontalAdvance(member.name));
    }
    widest = std::min(widest, metrics.averageCharWidth() * kNameEms) + metrics.averageCharWidth() * 2;
    for (const Row& row : m_rows) {
        row.name->setMinimumWidth(widest);
    }
}

void RoomCallPanel::chainTabs()
{
    setTabOrder(m_join, m_decline);
    setTabOrder(m_decline, m_mute);
    setTabOrder(m_mute, m_leave);
    QWidget* previous = m_leave;
    for (const Row& row : m_rows) {
        setTabOrder(previous, row.silence);
        previous = row.silence;
    }
}

void RoomCallPanel::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
    }
}

void RoomCallPanel::updateColours()
{
    QPalette tinted = palette();
    const QColor background = theme::callBackground(tinted);
    if (tinted.color(QPalette::Window) != background) {
        tinted.setColor(QPalette::Window, background);
        setPalette(tinted); // comes back here as a PaletteChange, with nothing left to change
        return;
    }
    QPalette muted = tinted;
    muted.setColor(QPalette::WindowText, theme::mutedText(tinted));
    m_state->setPalette(muted);
    for (const Row& row : m_rows) {
        colourRow(row);
    }
}

void RoomCallPanel::colourRow(const Row& row) const
{
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(muted));
    row.state->setPalette(muted);
    QPalette speaking = palette();
    speaking.setColor(QPalette::WindowText,
                      row.speaks ? theme::positive(speaking) : theme::mutedText(speaking));
    row.speaking->setPalette(speaking);
    // Who speaks stands out in the list, not only by the word beside them.
    QFont font = row.name->font();
    if (font.bold() != row.speaks) {
        font.setBold(row.speaks);
        row.name->setFont(font);
    }
}

} // namespace confab::ui
