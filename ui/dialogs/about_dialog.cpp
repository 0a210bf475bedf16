#include "about_dialog.h"

#include "widgets/app_icon.h"
#include "widgets/window_fit.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace confab::ui {
namespace {

// What Confab is built on, with each one's licence.
QString credits()
{
    struct Library {
        const char* name;
        QString version;
        const char* licence;
    };
    const Library libraries[] = {
        {"Qt", QString::fromLatin1(qVersion()), "LGPL 3"},
        {"libsodium", {}, "ISC"},
        {"Opus", {}, "BSD 3-clause"},
        {"PortAudio", {}, "MIT"},
        {"WebRTC audio processing", {}, "BSD 3-clause"},
        {"SpeexDSP", {}, "BSD 3-clause"},
        {"libsndfile", {}, "LGPL 2.1"},
        {"SQLite", {}, "public domain"},
        {"Avahi", {}, "LGPL 2.1"},
        {"libqrencode", {}, "LGPL 2.1"},
    };
    QStringList lines;
    for (const Library& library : libraries) {
        const QString name = library.version.isEmpty()
                                 ? QString::fromLatin1(library.name)
                                 : QStringLiteral("%1 %2").arg(QLatin1String(library.name), library.version);
        lines.append(AboutDialog::tr("%1 (%2)").arg(name, QLatin1String(library.licence)));
    }
    return AboutDialog::tr("Built with %1.").arg(lines.join(QStringLiteral(", ")));
}

} // namespace

AboutDialog::AboutDialog(const api::NodeVersion& version, const QString& profileDir, QWidget* parent)
    : QDialog(parent), m_version(new QLabel(this)), m_profile(new QLabel(this)),
      m_copyPath(new QPushButton(tr("&Copy Path"), this)), m_credits(new QLabel(credits(), this))
{
    setWindowTitle(tr("About Confab"));
    auto* icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(64, 64));
    icon->setAccessibleName(tr("Confab's icon"));

    m_version->setText(
        tr("<b>Confab %1</b><br>Protocol version %2").arg(version.software).arg(version.protocol));
    m_version->setAccessibleName(tr("Version"));
    auto* about = new QLabel(tr("Chat, calls and files between the computers around you: no server, no "
                                "account, no internet. Everything is encrypted end to end."),
                             this);
    about->setWordWrap(true);

    const QString shownPath = QDir::toNativeSeparators(profileDir);
    auto* profileTitle = new QLabel(tr("Your profile (identity key, messages, settings) is in:"), this);
    profileTitle->setWordWrap(true);
    m_profile->setText(shownPath);
    m_profile->setWordWrap(true);
    m_profile->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_profile->setAccessibleName(tr("Profile folder"));
    m_copyPath->setAccessibleName(tr("Copy the profile folder's path"));
    connect(m_copyPath, &QPushButton::clicked, this,
            [shownPath] { QApplication::clipboard()->setText(shownPath); });
    auto* openFolder = new QPushButton(tr("&Open Folder"), this);
    openFolder->setAccessibleName(tr("Open the profile folder"));
    connect(openFolder, &QPushButton::clicked, this,
            [profileDir] { QDesktopServices::openUrl(QUrl::fromLocalFile(profileDir)); });

    m_credits->setWordWrap(true);
    m_credits->setAccessibleName(tr("Libraries and licences"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close"));
    close->setDefault(true);
    QPushButton* aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    aboutQt->setAccessibleName(tr("About Qt"));
    connect(aboutQt, &QPushButton::clicked, this, [] { QApplication::aboutQt(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* top = new QGridLayout;
    top->addWidget(icon, 0, 0, 2, 1, Qt::AlignTop);
    top->addWidget(m_version, 0, 1);
    top->addWidget(about, 1, 1);
    top->setColumnStretch(1, 1);
    auto* profileButtons = new QHBoxLayout;
    profileButtons->addWidget(m_copyPath);
    profileButtons->addWidget(openFolder);
    profileButtons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(profileTitle);
    layout->addWidget(m_profile);
    layout->addLayout(profileButtons);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_credits);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    close->setFocus();
    keepTallEnoughForText(this);
}

QString AboutDialog::versionText() const
{
    return m_version->text();
}

} // namespace confab::ui
