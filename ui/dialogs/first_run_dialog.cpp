#include "first_run_dialog.h"

#include "api/display_name.h"
#include "widgets/app_icon.h"
#include "widgets/theme.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace confab::ui {

FirstRunDialog::FirstRunDialog(const api::NodeStatus& status, QWidget* parent)
    : QDialog(parent), m_name(new QLineEdit(this)), m_error(new QLabel(this)), m_fingerprint(new QLabel(this))
{
    setWindowTitle(tr("Welcome to Confab"));
    setWindowIcon(appIcon());

    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this) * 2;
    icon->setPixmap(appIcon().pixmap(iconSize));
    icon->setAccessibleName(tr("Confab icon"));
    auto* welcome = new QLabel(
        tr("<b>Welcome to Confab.</b><br>Chat with people on this network — no server, no account. "
           "Confab has created your identity on this computer."),
        this);
    welcome->setWordWrap(true);
    welcome->setTextFormat(Qt::RichText);
    welcome->setAccessibleName(tr("Welcome"));

    auto* nameLabel = new QLabel(tr("Your &name, as others see it:"), this);
    nameLabel->setBuddy(m_name);
    m_name->setText(status.displayName);
    m_name->selectAll();
    m_name->setAccessibleName(tr("Display name"));
    m_name->setAccessibleDescription(tr("The name peers see next to your messages"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Name problem"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, theme::danger(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();
    connect(m_name, &QLineEdit::textEdited, m_error, &QLabel::hide);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* idLabel = new QLabel(tr("Your ID:"), this);
    auto* id = new QLabel(status.id, this);
    id->setFont(fixed);
    id->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    id->setAccessibleName(tr("Your ID"));
    auto* fingerprintLabel = new QLabel(tr("Your fingerprint:"), this);
    m_fingerprint->setText(status.fingerprint);
    m_fingerprint->setFont(fixed);
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setAccessibleName(tr("Your fingerprint"));
    auto* fingerprintHint = new QLabel(
        tr("Peers can compare this with what their Confab shows for you, to be sure it is really you."),
        this);
    fingerprintHint->setWordWrap(true);

    auto* identity = new QFormLayout;
    identity->addRow(idLabel, id);
    identity->addRow(fingerprintLabel, m_fingerprint);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Confab"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Start Confab"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);

    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(welcome, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(nameLabel);
    layout->addWidget(m_name);
    layout->addWidget(m_error);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(identity);
    layout->addWidget(fingerprintHint);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
}

QString FirstRunDialog::displayName() const
{
    return m_name->text().trimmed();
}

QString FirstRunDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString FirstRunDialog::fingerprintText() const
{
    return m_fingerprint->text();
}

void FirstRunDialog::accept()
{
    if (auto problem = api::displayNameError(displayName())) {
        m_error->setText(tr("Please choose another name: %1").arg(*problem));
        m_error->show();
        m_name->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace confab::ui
