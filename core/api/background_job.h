#pragma once

#include <QObject>

#include <functional>
#include <thread>

namespace confab::api {

// Runs one slow, self-contained piece of work at a time on a thread of its
// own (stretching a passphrase takes about a second, and the node must go
// on serving calls meanwhile). The work returns what to do with its result,
// and that runs back on the thread this object lives on. Destroying it
// waits for the work; a result that comes after is dropped.
class BackgroundJob : public QObject {
    Q_OBJECT
public:
    using Finish = std::function<void()>;
    using Work = std::function<Finish()>;

    using QObject::QObject;
    ~BackgroundJob() override;
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    // False, and nothing runs, while an earlier piece of work is unfinished.
    bool start(Work work);
    [[nodiscard]] bool busy() const { return m_busy; }

private:
    std::thread m_thread;
    bool m_busy = false;
};

} // namespace confab::api
