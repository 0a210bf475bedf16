#pragma once

#include <QLoggingCategory>
#include <QString>

#include <vector>

namespace confab::test {

// Collects what the code under test logs while it lives, so a test can check
// that a refusal was logged with its reason. Messages still reach the
// previous handler (the test's output). One at a time: Qt has one handler.
class LogCapture {
public:
    struct Entry {
        QString category;
        QString message;
    };

    LogCapture() : m_previous(qInstallMessageHandler(&LogCapture::handle))
    {
        // Qt's message handler is a plain function: it finds the capture here.
        active() = this;
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        active() = nullptr;
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    [[nodiscard]] const std::vector<Entry>& entries() const { return m_entries; }
    // How many messages of `category` contain `text`.
    [[nodiscard]] int count(const QString& category, const QString& text) const
    {
        int found = 0;
        for (const Entry& entry : m_entries) {
            if (entry.category == category && entry.message.contains(text)) {
                ++found;
            }
        }
        return found;
    }

private:
    static LogCapture*& active()
    {
        static LogCapture* capture = nullptr;
        return capture;
    }

    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        LogCapture* capture = active();
        if (capture == nullptr) {
            return;
        }
        capture->m_entries.push_back({QString::fromUtf8(context.category), message});
        if (capture->m_previous != nullptr) {
            capture->m_previous(type, context, message);
        }
    }

    QtMessageHandler m_previous;
    std::vector<Entry> m_entries;
};

} // namespace confab::test
