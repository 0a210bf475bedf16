#include "file_drop.h"

#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

#include <utility>

namespace confab::ui {

QStringList localPaths(const QMimeData* mime)
{
    if (mime == nullptr || !mime->hasUrls()) {
        return {};
    }
    QStringList paths;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile()) {
            return {}; // a web address is not something to send as a file
        }
        paths << QFileInfo(url.toLocalFile()).absoluteFilePath();
    }
    return paths;
}

FileDropTarget::FileDropTarget(QWidget& target, std::function<bool(const QPoint&)> acceptsAt)
    : QObject(&target), m_acceptsAt(std::move(acceptsAt))
{
    target.setAcceptDrops(true);
    target.installEventFilter(this);
}

bool FileDropTarget::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop) {
        return QObject::eventFilter(watched, event);
    }
    // QDragEnterEvent and QDragMoveEvent are QDropEvents too.
    auto* drop = static_cast<QDropEvent*>(event);
    const QPoint at = drop->position().toPoint();
    const QStringList paths = localPaths(drop->mimeData());
    if (paths.isEmpty()) {
        return QObject::eventFilter(watched, event); // not files: the widget's own business
    }
    // Over a place that takes no files (between peers, say), the drag shows so.
    if (m_acceptsAt && type != QEvent::DragEnter && !m_acceptsAt(at)) {
        drop->ignore();
        return true;
    }
    drop->setDropAction(Qt::CopyAction);
    drop->accept();
    if (type == QEvent::Drop) {
        emit dropped(paths, at);
    }
    return true;
}

} // namespace confab::ui
