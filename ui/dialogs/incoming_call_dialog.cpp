#include "incoming_call_dialog.h"

#include "widgets/app_icon.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// Watches the whole application while a call rings, for
// IncomingCallDialog::returnKeyboardTo().
class KeyboardReturn : public QObject {
public:
    KeyboardReturn(QWidget& dialog, QWidget& focus) : QObject(&dialog), m_dialog(dialog), m_focus(&focus)
    {
        qApp->installEventFilter(this);
    }
    ~KeyboardReturn() override { qApp->removeEventFilter(this); }
    KeyboardReturn(const KeyboardReturn&) = delete;
    KeyboardReturn& operator=(const KeyboardReturn&) = delete;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        auto* widget = qobject_cast<QWidget*>(watched);
        if (widget == nullptr || m_settled) {
            return false;
        }
        const bool inDialog = widget->window() == &m_dialog;
        switch (event->type()) {
        case QEvent::MouseButtonPress:
            // Turning to the dialog, or carrying on elsewhere: the user's choice either way.
            settle();
            return false;
        case QEvent::KeyPress:
        case QEvent::KeyRelease:
            if (!inDialog) {
                if (event->type() == QEvent::KeyPress) {
                    settle(); // a new key went where the user is typing: the dialog did not take it
                }
                return false;
            }
            handBack();
            return forward(*static_cast<QKeyEvent*>(event));
        case QEvent::WindowActivate:
            if (widget == &m_dialog) {
                handBack(); // activated by the window system, not by the user
            } else if (m_handingBack && m_focus && widget == m_focus->window()) {
                settle(); // back where it was
            }
            return false;
        default:
            return false;
        }
    }

private:
    void settle()
    {
        m_settled = true;
        qApp->removeEventFilter(this);
    }

    void handBack()
    {
        if (m_handingBack) {
            return;
        }
        if (!m_focus || !m_focus->isVisible() || !m_focus->isEnabled()) {
            settle(); // nowhere to return to
            return;
        }
        m_handingBack = true;
        m_focus->window()->activateWindow();
        m_focus->setFocus(Qt::ActiveWindowFocusReason);
    }

    // A key that reached the dialog before the keyboard was back goes where it was meant to.
    bool forward(const QKeyEvent& key)
    {
        if (m_settled || !m_focus) {
            return false;
        }
        QKeyEvent copy(key.type(), key.key(), key.modifiers(), key.nativeScanCode(), key.nativeVirtualKey(),
                       key.nativeModifiers(), key.text(), key.isAutoRepeat(),
                       static_cast<quint16>(key.count()));
        QCoreApplication::sendEvent(m_focus, &copy);
        return true;
    }

    QWidget& m_dialog;
    QPointer<QWidget> m_focus;
    bool m_handingBack = false;
    bool m_settled = false;
};

} // namespace

IncomingCallDialog::IncomingCallDialog(const PeerId& peer, const QString& callId, const QString& peerName,
                                       bool verified, QWidget* parent)
    : QDialog(parent), m_peer(peer), m_callId(callId), m_heading(new QLabel(tr("Incoming call"), this)),
      m_name(new QLabel(peerName, this)), m_badge(new QLabel(this)),
      m_answer(new QPushButton(tr("&Answer"), this)), m_decline(new QPushButton(tr("&Decline"), this))
{
    setWindowTitle(tr("Incoming call — %1").arg(peerName));
    // Whoever is typing elsewhere goes on typing there.
    setAttribute(Qt::WA_ShowWithoutActivating);
    setWindowIcon(appIcon());
    setAccessibleName(tr("Incoming call"));

    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this) * 2;
    icon->setPixmap(appIcon().pixmap(iconSize));
    icon->setAccessibleName(tr("Confab icon"));
    m_heading->setAccessibleName(tr("What is happening"));
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    if (nameFont.pointSizeF() > 0) {
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
    }
    m_name->setFont(nameFont);
    m_name->setAccessibleName(tr("Caller"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Where the focus starts when the desktop does activate the dialog: a
    // screen reader reads who calls, and Enter or Space there does nothing.
    m_name->setFocusPolicy(Qt::StrongFocus);
    m_badge->setAccessibleName(tr("Verification"));
    m_badge->setWordWrap(true);
    setVerified(verified);

    m_answer->setAccessibleName(tr("Answer the call"));
    m_answer->setToolTip(tr("Answer (Ctrl+Shift+A)"));
    m_decline->setAccessibleName(tr("Decline the call"));
    m_decline->setToolTip(tr("Decline (Ctrl+Shift+D; Escape in this dialog)"));
    // No default button: Enter answers only on Answer itself (eventFilter).
    for (QPushButton* button : {m_answer, m_decline}) {
        button->setAutoDefault(false);
        button->installEventFilter(this);
    }
    connect(m_answer, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_decline, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, [this](int result) {
        if (m_dismissed) {
            return;
        }
        if (result == QDialog::Accepted) {
            emit answered();
        } else {
            emit declined(); // Decline, Escape, or the window closed
        }
    });

    auto* texts = new QVBoxLayout;
    texts->addWidget(m_heading);
    texts->addWidget(m_name);
    texts->addWidget(m_badge);
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(texts, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_answer);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    setTabOrder(m_name, m_answer);
    setTabOrder(m_answer, m_decline);
    m_name->setFocus();
}

bool IncomingCallDialog::eventFilter(QObject* watched, QEvent* event)
{
    auto* button = qobject_cast<QPushButton*>(watched);
    if (button != nullptr && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter || key->key() == Qt::Key_Space) {
            if (key->isAutoRepeat()) {
                return true; // held down since before: not meant for this call
            }
            if (enter && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
                button->click(); // the user moved to this button and pressed Enter
                return true;
            }
        }
    }
    return QDialog::eventFilter(watched, event);
}

void IncomingCallDialog::setVerified(bool verified)
{
    QPalette badgePalette = m_badge->palette();
    if (verified) {
        m_badge->setText(QStringLiteral("\u2713 ") + tr("verified"));
        badgePalette.setColor(QPalette::WindowText, theme::positive(badgePalette));
    } else {
        m_badge->setText(tr("not verified — compare safety numbers to be sure who it is"));
        badgePalette.setColor(QPalette::WindowText, theme::mutedText(badgePalette));
    }
    m_badge->setPalette(badgePalette);
}

void IncomingCallDialog::showRoomCall(const QString& roomName, const QString& callers, bool verified)
{
    m_roomName = roomName;
    setWindowTitle(roomName.isEmpty() ? tr("Incoming room call") : tr("Incoming call — %1").arg(roomName));
    setAccessibleName(tr("Incoming room call"));
    m_heading->setText(tr("Incoming room call"));
    // A sentence, not a name: it wraps rather than widen the dialog.
    m_name->setWordWrap(true);
    m_name->setText(callers);
    m_name->setAccessibleName(tr("Who calls which room"));
    m_answer->setText(tr("&Join"));
    m_answer->setAccessibleName(tr("Join the room call"));
    m_answer->setToolTip(tr("Join the call (Ctrl+Shift+A)"));
    setVerified(verified);
}

QString IncomingCallDialog::headingText() const
{
    return m_heading->text();
}

QString IncomingCallDialog::peerName() const
{
    return m_name->text();
}

QString IncomingCallDialog::badgeText() const
{
    return m_badge->text();
}

void IncomingCallDialog::returnKeyboardTo(QWidget* focus)
{
    if (focus != nullptr && focus->window() != this) {
        new KeyboardReturn(*this, *focus);
    }
}

void IncomingCallDialog::dismiss()
{
    m_dismissed = true;
    done(QDialog::Rejected);
}

} // namespace confab::ui
