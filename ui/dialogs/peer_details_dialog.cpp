#include "peer_details_dialog.h"

#include "models/peer_list_model.h"
#include "widgets/avatar_view.h"
#include "widgets/theme.h"
#include "widgets/window_fit.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

QLabel* selectableLabel(QWidget* parent, const QString& accessibleName)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAccessibleName(accessibleName);
    return label;
}

// The peer a relayed peer's messages go through first, by name (the start
// of its ID when it has none); empty when the peer is not reached through relays.
QString viaNameOf(const api::PeerDetails& details)
{
    if (details.view.route != api::PeerView::Route::Relay || !details.view.via) {
        return {};
    }
    return details.viaName.isEmpty() ? PeerListModel::shortId(*details.view.via) : details.viaName;
}

} // namespace

PeerDetailsDialog::PeerDetailsDialog(api::NodeClient& client, const PeerId& peer, QWidget* parent)
    : QDialog(parent), m_node(client), m_peer(peer),
      m_avatar(new AvatarView(fontMetrics().height() * 4, this)), m_name(selectableLabel(this, tr("Name"))),
      m_announced(selectableLabel(this, tr("The name they announce"))),
      m_id(selectableLabel(this, tr("Peer ID"))), m_address(selectableLabel(this, tr("Address"))),
      m_presence(selectableLabel(this, tr("Presence"))), m_route(selectableLabel(this, tr("Route"))),
      m_status(selectableLabel(this, tr("Verification"))),
      m_number(selectableLabel(this, tr("Safety number"))), m_numberHint(new QLabel(this)),
      m_verify(new QPushButton(this))
{
    setWindowTitle(tr("Peer Details"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_id->setFont(fixed);
    QFont numberFont = fixed;
    if (numberFont.pointSizeF() > 0) {
        numberFont.setPointSizeF(numberFont.pointSizeF() * 1.5);
    }
    numberFont.setBold(true);
    m_number->setFont(numberFont);
    m_number->setAlignment(Qt::AlignCenter);
    m_number->setWordWrap(false);
    m_number->setText(tr("Loading…"));
    m_numberHint->setWordWrap(true);
    m_status->setWordWrap(true);
    m_route->setWordWrap(true);
    m_presence->setWordWrap(true);
    m_numberHint->setAccessibleName(tr("How to compare"));

    m_verify->setEnabled(false);
    m_verify->setText(tr("&Mark as Verified"));
    connect(m_verify, &QPushButton::clicked, this, &PeerDetailsDialog::askToChangeVerification);

    auto* form = new QFormLayout;
    m_form = form;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Calls themselves:"), m_announced);
    form->setRowVisible(m_announced, false);
    form->addRow(tr("ID:"), m_id);
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Presence:"), m_presence);
    form->addRow(tr("Route:"), m_route);
    form->addRow(tr("Status:"), m_status);

    auto* numberTitle = new QLabel(tr("Safety number"), this);
    QFont titleFont = numberTitle->font();
    titleFont.setBold(true);
    numberTitle->setFont(titleFont);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_verify, QDialogButtonBox::ActionRole);
    m_close = buttons->button(QDialogButtonBox::Close);
    m_close->setAccessibleName(tr("Close"));
    // Enter closes and changes nothing; Mark as Verified is the default only
    // while the user has moved the focus onto it, and then asks first.
    m_close->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Shown once the details say what to show; its place is kept meanwhile.
    QSizePolicy avatarPolicy = m_avatar->sizePolicy();
    avatarPolicy.setRetainSizeWhenHidden(true);
    m_avatar->setSizePolicy(avatarPolicy);
    m_avatar->hide();
    auto* top = new QHBoxLayout;
    top->addWidget(m_avatar, 0, Qt::AlignTop);
    top->addSpacing(fontMetrics().height() / 2);
    top->addLayout(form, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(numberTitle);
    layout->addWidget(m_number);
    layout->addWidget(m_numberHint);
    layout->addWidget(buttons);
    // As wide for the texts as without the picture beside them.
    setMinimumWidth(fontMetrics().averageCharWidth() * 66 + m_avatar->width() + fontMetrics().height() / 2);
    // The form's wrapped texts sit in a row with the picture: the window
    // learns only after laying it out how tall they need it.
    keepTallEnoughForText(this);

    connect(&m_node.events(), &api::NodeEvents::peersChanged, this, &PeerDetailsDialog::load);
    load();
    // The focus starts on Close, whenever the details arrive.
    m_close->setFocus();
}

void PeerDetailsDialog::askToChangeVerification()
{
    if (m_confirmation) {
        return;
    }
    const QString name = m_name->text();
    const bool verify = !m_verified; // what the question is about, whatever arrives meanwhile
    auto* box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    QPushButton* yes = nullptr;
    if (verify) {
        box->setWindowTitle(tr("Mark %1 as Verified?").arg(name));
        box->setText(tr("Did you compare the safety number with %1 in person or over a call, and did every "
                        "digit match?")
                         .arg(name));
        box->setInformativeText(groupedForReading(m_rawNumber));
        yes = box->addButton(tr("&Yes, Mark as Verified"), QMessageBox::AcceptRole);
        yes->setAccessibleName(tr("Yes, I compared it: mark as verified"));
    } else {
        box->setWindowTitle(tr("Remove Verification?"));
        box->setText(tr("Remove the verification of %1?").arg(name));
        box->setInformativeText(
            tr("%1 shows as not verified until you compare the safety number again.").arg(name));
        yes = box->addButton(tr("&Remove Verification"), QMessageBox::AcceptRole);
        yes->setAccessibleName(tr("Remove verification"));
    }
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter and Escape take the answer that changes nothing, unless the user
    // has moved the focus onto the other one.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, yes, verify] {
        if (box->clickedButton() != yes) {
            return;
        }
        m_verify->setEnabled(false); // until the node confirms
        m_node.call(
            this, [peer = m_peer, verify](api::Node& node) { node.setVerified(peer, verify); },
            [this] { load(); });
    });
    m_confirmation = box;
    box->open();
}

void PeerDetailsDialog::load()
{
    m_node.call(
        this, [peer = m_peer](api::Node& node) { return node.peerDetails(peer); },
        [this](const api::PeerDetails& details) { onDetails(details); });
}

QString PeerDetailsDialog::groupedForReading(const QString& number)
{
    const QStringList groups = number.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList lines;
    for (qsizetype at = 0; at < groups.size(); at += 3) {
        lines << groups.mid(at, 3).join(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n'));
}

QString PeerDetailsDialog::safetyNumber() const
{
    return m_rawNumber;
}

QString PeerDetailsDialog::presenceText() const
{
    return m_presence->text();
}

QString PeerDetailsDialog::routeText() const
{
    return m_route->text();
}

QString PeerDetailsDialog::statusText() const
{
    return m_status->text();
}

QString PeerDetailsDialog::announcedNameText() const
{
    return m_announced->text();
}

QString PeerDetailsDialog::routeExplanation(const api::PeerDetails& details, const QString& name)
{
    const api::PeerView& view = details.view;
    if (const QString via = viaNameOf(details); !via.isEmpty()) {
        // Sealed end to end (docs/PROTOCOL.md, "Relaying"): relays see only
        // whom a message is for, never what it says.
        return tr("Your computer cannot reach %1 directly; messages go through %2, who cannot read them. "
                  "%1 is %n hop(s) away.",
                  nullptr, view.hops)
            .arg(name, via);
    }
    if (view.route == api::PeerView::Route::Direct || view.connected) {
        return tr("Direct: your computer is connected to %1 itself, so messages go straight to %1 with "
                  "nobody in between.")
            .arg(name);
    }
    return tr("%1 cannot be reached now, directly or through other peers. What you send waits, here or "
              "sealed with peers that carry messages for others, until %1 is back.")
        .arg(name);
}

void PeerDetailsDialog::onDetails(const api::PeerDetails& details)
{
    if (details.view.record.id != m_peer) {
        return;
    }
    m_loaded = true;
    m_verified = details.view.record.verified;
    m_rawNumber = details.safetyNumber;
    const api::PeerSummary summary{details.view, std::nullopt, std::nullopt};
    const QString name = PeerListModel::nameOf(summary);
    setWindowTitle(tr("Peer Details — %1").arg(name));
    m_name->setText(name);
    // A nickname is ours: what the peer calls itself stays in sight.
    const bool renamed = !details.view.nickname.isEmpty() && !details.view.record.displayName.isEmpty();
    m_announced->setText(renamed ? details.view.record.displayName : QString());
    m_form->setRowVisible(m_announced, renamed);
    m_id->setText(QString::fromStdString(m_peer.toText()));
    m_avatar->setSubject({details.view.avatar, name, m_id->text()});
    m_avatar->show();
    m_address->setText(details.view.address.isEmpty() ? tr("unknown") : details.view.address);
    if (details.view.blocked) {
        m_presence->setText(tr("blocked: nothing from them reaches you (Unblock in the Peer menu)"));
    } else if (details.view.connected) {
        m_presence->setText(tr("online"));
    } else if (const QString via = viaNameOf(details); !via.isEmpty()) {
        m_presence->setText(tr("via %1").arg(via));
    } else {
        m_presence->setText(tr("offline"));
    }
    m_route->setText(routeExplanation(details, name));

    QPalette statusPalette = palette();
    if (details.view.keyWarning) {
        m_status->setText(tr("Warning: someone presented a different key for %1. Compare the safety number "
                             "below with %1 in person.")
                              .arg(name));
        statusPalette.setColor(QPalette::WindowText, theme::danger(statusPalette));
    } else if (m_verified) {
        m_status->setText(QStringLiteral("\u2713 ") +
                          tr("Verified: you compared the safety number with %1.").arg(name));
        statusPalette.setColor(QPalette::WindowText, theme::positive(statusPalette));
    } else {
        m_status->setText(tr("Not verified"));
    }
    m_status->setPalette(statusPalette);

    if (m_rawNumber.isEmpty()) {
        m_number->setText(tr("No safety number yet"));
        m_numberHint->setText(details.safetyNumberProblem);
        m_verify->setEnabled(false);
        adjustSize();
        return;
    }
    m_number->setText(groupedForReading(m_rawNumber));
    m_number->setAccessibleDescription(m_rawNumber);
    m_numberHint->setText(
        tr("%1's Confab shows the same number for you. Compare it in person or on a call you trust: read "
           "the groups aloud. If every digit matches, nobody is in between — mark %1 as verified.")
            .arg(name));
    m_verify->setText(m_verified ? tr("&Remove Verification") : tr("&Mark as Verified"));
    m_verify->setAccessibleName(m_verified ? tr("Remove verification") : tr("Mark as verified"));
    m_verify->setEnabled(true);
    adjustSize(); // grows with what it shows (a warning, a long name) instead of clipping it
}

} // namespace confab::ui
