#include "conversation_exporter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace confab::ui {
namespace {

constexpr auto kTextSuffix = QLatin1String("txt");
constexpr auto kPageSuffix = QLatin1String("html");

bool isWebPage(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == kPageSuffix || suffix == QLatin1String("htm");
}

} // namespace

ConversationExporter::ConversationExporter(api::NodeClient& client, QWidget& window, QObject* parent)
    : QObject(parent), m_node(client), m_window(window)
{
}

QString ConversationExporter::suggestedFileName(const QString& name)
{
    QString safe;
    for (const QChar c : name.left(64)) {
        const bool plain = c.isLetterOrNumber() || c == u' ' || c == u'-' || c == u'_' || c == u'.';
        safe += plain ? c : QChar(u'_');
    }
    return tr("Conversation with %1").arg(safe.trimmed()).trimmed() + u'.' + kTextSuffix;
}

void ConversationExporter::exportConversation(const PeerId& peer, const QString& name)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto* dialog = new QFileDialog(&m_window, tr("Export Conversation with %1").arg(name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    const QString textFilter = tr("Text file (*.txt)");
    const QString pageFilter = tr("Web page (*.html *.htm)");
    dialog->setNameFilters({textFilter, pageFilter});
    dialog->setDefaultSuffix(kTextSuffix);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    dialog->setDirectory(QDir(documents).exists() ? documents : QDir::homePath());
    dialog->selectFile(suggestedFileName(name));
    // Choosing the other type changes the suggested file's ending with it.
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, pageFilter](const QString& filter) {
        const QString suffix = filter == pageFilter ? QString(kPageSuffix) : QString(kTextSuffix);
        dialog->setDefaultSuffix(suffix);
        const QString chosen = dialog->selectedFiles().value(0);
        const QString oldSuffix = QFileInfo(chosen).suffix().toLower();
        if (oldSuffix == kTextSuffix || isWebPage(chosen)) {
            dialog->selectFile(QFileInfo(chosen).completeBaseName() + u'.' + suffix);
        }
    });
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, peer, name](const QString& path) { saveTo(peer, name, path); });
    m_dialog = dialog;
    dialog->open();
}

void ConversationExporter::saveTo(const PeerId& peer, const QString& name, const QString& path)
{
    const api::ExportFormat format = isWebPage(path) ? api::ExportFormat::Html : api::ExportFormat::Text;
    const QString shownPath = QDir::toNativeSeparators(path);
    emit notice(tr("Exporting the conversation with %1…").arg(name));
    m_node.call(
        this, [peer, format](api::Node& node) { return node.exportConversation(peer, format); },
        [this, name, shownPath, path](const api::ExportResult& exported) {
            if (!exported) {
                emit notice(tr("The conversation with %1 was not exported: %2").arg(name, exported.error()));
                return;
            }
            // A whole file or none: QSaveFile replaces the old one only once
            // the new one is complete. What was said is private: only its
            // owner may read the file.
            QSaveFile file(path);
            const QByteArray bytes = exported.value().document.toUtf8();
            const bool saved = file.open(QIODevice::WriteOnly) &&
                               file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
                               file.write(bytes) == bytes.size() && file.commit();
            if (!saved) {
                emit notice(tr("The conversation with %1 was not saved to %2: %3")
                                .arg(name, shownPath, file.errorString()));
                return;
            }
            emit notice(
                tr("Saved %n message(s) with %1 to %2.", nullptr, static_cast<int>(exported.value().messages))
                    .arg(name, shownPath));
        });
}

} // namespace confab::ui
