#pragma once

#include <QByteArray>
#include <QPointer>
#include <QWidget>

class QFileDialog;
class QLineEdit;
class QPushButton;

namespace confab::ui {

class AvatarView;

// The settings dialog's name and picture: the user's picture (or the
// initials of the name being typed) beside the display name, with "Choose
// Picture…" and "Remove Picture" under it. A picked file is made small
// enough for peers at once, so that what shows is what peers will get; the
// dialog stores it with the other settings when the user saves.
class AvatarSettingsSection : public QWidget {
    Q_OBJECT
public:
    // Lays out `nameEdit` (the dialog's) beside the picture.
    explicit AvatarSettingsSection(QLineEdit* nameEdit, QWidget* parent = nullptr);

    // The picture in force and the user's ID (the initials' colour comes from it).
    void load(const QByteArray& picture, const QString& id);
    // The picture to save: empty for none.
    [[nodiscard]] QByteArray picture() const { return m_picture; }
    // Whether it differs from the one loaded.
    [[nodiscard]] bool isChanged() const { return m_picture != m_loaded; }

    // Makes the file the picture, or says why it cannot be (problem()).
    void usePictureFile(const QString& path);
    void removePicture();

    [[nodiscard]] AvatarView* avatarView() const { return m_avatar; }
    [[nodiscard]] QPushButton* chooseButton() const { return m_choose; }
    [[nodiscard]] QPushButton* removeButton() const { return m_remove; }
    // The open "Choose Picture" file dialog; nullptr when none is open.
    [[nodiscard]] QFileDialog* fileDialog() const { return m_dialog; }

signals:
    // A sentence for the user: the chosen file cannot be the picture.
    void problem(const QString& sentence);
    // A picture was chosen or removed.
    void pictureChanged();

private:
    void choose();
    void showPicture();

    QLineEdit* m_nameEdit;
    AvatarView* m_avatar;
    QPushButton* m_choose;
    QPushButton* m_remove;
    QPointer<QFileDialog> m_dialog;
    QByteArray m_loaded;
    QByteArray m_picture;
    QString m_id;
};

} // namespace confab::ui
