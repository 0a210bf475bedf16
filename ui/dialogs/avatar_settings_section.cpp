#include "avatar_settings_section.h"

#include "avatar_image.h"
#include "widgets/avatar_view.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace confab::ui {

namespace {

// "*.png *.jpg …": the kinds of picture this computer can read.
QString pictureFilePatterns()
{
    QStringList patterns;
    for (const QByteArray& suffix : QImageReader::supportedImageFormats()) {
        patterns << QStringLiteral("*.") + QString::fromLatin1(suffix);
    }
    return patterns.join(QLatin1Char(' '));
}

} // namespace

AvatarSettingsSection::AvatarSettingsSection(QLineEdit* nameEdit, QWidget* parent)
    : QWidget(parent), m_nameEdit(nameEdit), m_avatar(nullptr),
      m_choose(new QPushButton(tr("C&hoose Picture…"), this)),
      m_remove(new QPushButton(tr("Remo&ve Picture"), this))
{
    m_choose->setAccessibleName(tr("Choose your picture"));
    m_choose->setToolTip(tr("A photo or an image file: its middle square is what your peers see"));
    m_remove->setAccessibleName(tr("Remove your picture"));
    m_remove->setToolTip(tr("Your peers see your initials instead"));
    connect(m_choose, &QPushButton::clicked, this, &AvatarSettingsSection::choose);
    connect(m_remove, &QPushButton::clicked, this, &AvatarSettingsSection::removePicture);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &AvatarSettingsSection::showPicture);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_choose);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* nameAndButtons = new QVBoxLayout;
    nameAndButtons->addWidget(m_nameEdit);
    nameAndButtons->addLayout(buttons);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(nameAndButtons, 1);
    // As tall as the name and the buttons together (measured once laid out, with the style's spacing).
    m_avatar = new AvatarView(nameAndButtons->sizeHint().height(), this);
    layout->insertWidget(0, m_avatar, 0, Qt::AlignTop);
    showPicture();
}

void AvatarSettingsSection::load(const QByteArray& picture, const QString& id)
{
    m_loaded = m_picture = picture;
    m_id = id;
    showPicture();
}

void AvatarSettingsSection::choose()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto* dialog = new QFileDialog(this, tr("Choose Your Picture"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Pictures (%1)").arg(pictureFilePatterns()), tr("All files (*)")});
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    dialog->setDirectory(QDir(pictures).exists() ? pictures : QDir::homePath());
    connect(dialog, &QFileDialog::fileSelected, this, &AvatarSettingsSection::usePictureFile);
    m_dialog = dialog;
    dialog->open();
}

void AvatarSettingsSection::usePictureFile(const QString& path)
{
    const Result<QByteArray, QString> shrunk = AvatarImage::fromFile(path);
    if (!shrunk) {
        emit problem(shrunk.error());
        return;
    }
    m_picture = shrunk.value();
    showPicture();
    emit pictureChanged();
}

void AvatarSettingsSection::removePicture()
{
    const bool hadFocus = m_remove->hasFocus();
    m_picture.clear();
    showPicture();
    // The button goes grey: the keyboard stays here rather than jumping on.
    if (hadFocus) {
        m_choose->setFocus(Qt::OtherFocusReason);
    }
    emit pictureChanged();
}

void AvatarSettingsSection::showPicture()
{
    m_avatar->setSubject({m_picture, m_nameEdit->text(), m_id});
    m_remove->setEnabled(!m_picture.isEmpty());
}

} // namespace confab::ui
