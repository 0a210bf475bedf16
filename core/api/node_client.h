#pragma once

#include "node.h"

#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <type_traits>
#include <utility>

namespace confab::api {

// How a front end talks to a node that lives on another thread (or, in
// tests, on its own): every command runs where the node lives, and its
// result comes back on the client's thread. The node's events are connected
// to directly (see NodeEvents); no command is declared anywhere but on Node.
//
//   client.call(this, [peer](Node& node) { return node.history(peer, 200); },
//               [this](const StoredMessages& page) { show(page); });
class NodeClient : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Runs `command(node)` where the node lives. When it returns (for a
    // QFuture: when that finishes), `reply(result)` runs on this client's
    // thread, unless `receiver` (an object on that thread) is gone by then.
    template <typename Command, typename Reply> void call(QObject* receiver, Command command, Reply reply);
    // Runs `command(node)` where the node lives; nobody waits for its result.
    template <typename Command> void call(Command command)
    {
        post([command = std::move(command)](Node& node) mutable { command(node); });
    }

    // The node's events. Connect with a receiver on your own thread.
    [[nodiscard]] virtual NodeEvents& events() = 0;

protected:
    // Runs `task` on the node's thread, after the current event.
    virtual void post(std::function<void(Node&)> task) = 0;

private:
    template <typename T> struct IsFuture : std::false_type {
    };
    template <typename T> struct IsFuture<QFuture<T>> : std::true_type {
        using Value = T;
    };
};

template <typename Command, typename Reply>
void NodeClient::call(QObject* receiver, Command command, Reply reply)
{
    using Returned = std::invoke_result_t<Command&, Node&>;
    // Hops back to this client's thread; the receiver is checked there,
    // where it lives, so a window closed meanwhile hears nothing. The client
    // outlives every task it posted (an implementation drains them first).
    auto deliver = [client = this, guard = QPointer<QObject>(receiver),
                    reply = std::move(reply)](auto... value) mutable {
        QMetaObject::invokeMethod(
            client,
            [guard, reply, value...]() mutable {
                if (guard) {
                    reply(std::move(value)...);
                }
            },
            Qt::QueuedConnection);
    };
    post([command = std::move(command), deliver = std::move(deliver)](Node& node) mutable {
        if constexpr (IsFuture<Returned>::value) {
            using Value = typename IsFuture<Returned>::Value;
            command(node).then([deliver](Value value) mutable { deliver(std::move(value)); });
        } else if constexpr (std::is_void_v<Returned>) {
            command(node);
            deliver();
        } else {
            deliver(command(node));
        }
    });
}

} // namespace confab::api
