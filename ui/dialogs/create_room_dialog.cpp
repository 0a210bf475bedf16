#include "create_room_dialog.h"

#include "widgets/peer_checklist.h"
#include "widgets/theme.h"
#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace confab::ui {

namespace {

// Draws a label's text in `colour` (one of theme.h's) rather than WindowText.
void colourLabel(QLabel* label, const QColor& colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

} // namespace

CreateRoomDialog::CreateRoomDialog(const api::PeerSummaries& peers, QWidget* parent)
    : QDialog(parent), m_name(new QLineEdit(this)), m_nameProblem(new QLabel(this)),
      m_members(new PeerChecklist(peers, {}, this)), m_hint(new QLabel(this))
{
    setWindowTitle(tr("New Room"));
    auto* namePrompt = new QLabel(tr("Room &name:"), this);
    namePrompt->setBuddy(m_name);
    m_name->setAccessibleName(tr("Room name"));
    m_name->setAccessibleDescription(tr("Every member sees this name. At most %1 bytes.").arg(kMaxNameBytes));
    m_name->setPlaceholderText(tr("for example Project Team"));
    m_nameProblem->setWordWrap(true);
    m_nameProblem->setAccessibleName(tr("Problem with the name"));
    colourLabel(m_nameProblem, theme::danger(palette()));
    m_nameProblem->hide();

    auto* membersPrompt = new QLabel(tr("&Members:"), this);
    membersPrompt->setBuddy(m_members);
    m_members->list()->setAccessibleName(tr("Members"));
    m_members->list()->setAccessibleDescription(
        tr("The people to invite into the room. Space checks or unchecks the person."));

    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("What is missing"));
    colourLabel(m_hint, theme::mutedText(palette()));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_create = buttons->button(QDialogButtonBox::Ok);
    m_create->setText(tr("&Create Room"));
    m_create->setAccessibleName(tr("Create the room"));
    m_create->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateRoomDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CreateRoomDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CreateRoomDialog::checkReady);
    connect(m_members, &PeerChecklist::chosenChanged, this, &CreateRoomDialog::checkReady);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(namePrompt);
    layout->addWidget(m_name);
    layout->addWidget(m_nameProblem);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(membersPrompt);
    layout->addWidget(m_members, 1);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 55);
    keepTallEnoughForText(this); // the problem with the name may take several lines
    m_name->setFocus();
    checkReady();
}

QString CreateRoomDialog::name() const
{
    return m_name->text().trimmed();
}

std::vector<PeerId> CreateRoomDialog::members() const
{
    return m_members->chosen();
}

QString CreateRoomDialog::nameProblemText() const
{
    return m_nameProblem->isHidden() ? QString() : m_nameProblem->text();
}

QString CreateRoomDialog::hintText() const
{
    return m_hint->text();
}

std::optional<QString> CreateRoomDialog::nameProblem() const
{
    const QString trimmed = name();
    // The limit is in bytes on the wire, so an accented letter counts two
    // and a Chinese character three: the length in characters says nothing.
    const qsizetype bytes = trimmed.toUtf8().size();
    if (bytes > kMaxNameBytes) {
        return tr("The name is too long: a room's name can take at most %1 bytes, and this one takes %2. "
                  "Letters with accents and those of most other scripts take two to four bytes each.")
            .arg(kMaxNameBytes)
            .arg(bytes);
    }
    if (std::any_of(trimmed.begin(), trimmed.end(),
                    [](QChar c) { return c.category() == QChar::Other_Control; })) {
        return tr("The name cannot contain control characters such as tabs.");
    }
    return std::nullopt;
}

void CreateRoomDialog::setPeers(const api::PeerSummaries& peers)
{
    m_members->setPeers(peers, {});
    checkReady(); // the empty checklist's sentence may have come or gone
}

void CreateRoomDialog::checkReady()
{
    const std::optional<QString> problem = nameProblem();
    m_nameProblem->setText(problem.value_or(QString()));
    m_nameProblem->setVisible(problem.has_value());
    const bool named = !name().isEmpty();
    const bool someone = !m_members->chosen().empty();
    // One thing at a time, in the order of the dialog. A name that does not
    // fit says so under the field, and an empty checklist says why itself.
    QString hint;
    if (!named) {
        hint = tr("Give the room a name.");
    } else if (!someone && !m_members->isEmpty()) {
        hint = tr("Choose at least one member.");
    }
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_create->setEnabled(named && !problem && someone);
}

void CreateRoomDialog::accept()
{
    // The button is disabled while something is missing, but Enter and
    // accept() from elsewhere do not ask the button.
    if (!m_create->isEnabled()) {
        return;
    }
    QDialog::accept();
}

} // namespace confab::ui
