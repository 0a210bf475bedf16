#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace confab::app {

// Turns SIGINT and SIGTERM into a Qt signal through signalfd, so no handler
// runs in signal context and nothing global is needed.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    // Call first thing in main(), before any thread exists, so that every
    // thread inherits the mask and the signals reach only the watcher.
    static void blockTerminationSignals();

    // Needs the QCoreApplication.
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace confab::app
