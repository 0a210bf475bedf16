// confab_udp_impair: a one-way UDP relay that loses, delays and reorders
// datagrams, for voice tests on a kernel without netem.
//
//   confab_udp_impair --listen [HOST:]PORT --to HOST:PORT [--loss PCT]
//                     [--burst-loss PCT --burst-length N] [--delay MS]
//                     [--jitter MS] [--seed N] [--stats-interval S]
//
// Every datagram received on the listen socket is forwarded to --to from a
// socket of its own, after ImpairmentModel decided whether to drop it and how
// long to hold it. Held datagrams leave in the order of their due times, so a
// large jitter reorders them as a real network would. Prints
// "confab_udp_impair ready listen=PORT" once bound; on SIGTERM or SIGINT prints
// a JSON summary on stdout and exits 0. --stats-interval prints the same JSON
// every S seconds on stderr.
#include "impairment_model.h"

#include <queue>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using confab::test::ImpairmentConfig;
using confab::test::ImpairmentModel;

// Far above any call's packet rate times any sensible delay; beyond it the
// relay drops rather than grow without bound.
constexpr std::size_t kMaxHeldDatagrams = 65536;
constexpr std::size_t kMaxDatagramBytes = 65536;

struct Options {
    std::string listenHost = "0.0.0.0";
    std::string listenPort;
    std::string toHost;
    std::string toPort;
    ImpairmentConfig impairment;
    double statsIntervalS = 0;
};

struct Held {
    Clock::time_point due;
    std::uint64_t sequence = 0;
    Clock::time_point received;
    std::vector<std::uint8_t> bytes;
};

// Earliest due time first; equal times keep arrival order.
struct LaterFirst {
    bool operator()(const Held& a, const Held& b) const
    {
        return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
    }
};

struct Stats {
    std::uint64_t received = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t dropped = 0;
    std::uint64_t overflow = 0;
    std::uint64_t reordered = 0;
    std::uint64_t sendErrors = 0;
    double delaySumMs = 0;
    double delayMaxMs = 0;
};

[[noreturn]] void usage(const char* problem)
{
    if (problem != nullptr) {
        std::fprintf(stderr, "confab_udp_impair: %s\n", problem);
    }
    std::fprintf(stderr,
                 "usage: confab_udp_impair --listen [HOST:]PORT --to HOST:PORT [--loss PCT]\n"
                 "         [--burst-loss PCT --burst-length N] [--delay MS] [--jitter MS] [--seed N]\n"
                 "         [--stats-interval S]\n");
    std::exit(2);
}

// "[HOST:]PORT", "HOST:PORT" or "[v6]:PORT".
bool splitHostPort(const std::string& text, std::string& host, std::string& port, bool hostRequired)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        if (hostRequired) {
            return false;
        }
        port = text;
    } else {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);
        }
    }
    return !port.empty() && port.find_first_not_of("0123456789") == std::string::npos && !host.empty();
}

double number(const char* name, const char* text)
{
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0') {
        std::fprintf(stderr, "confab_udp_impair: %s needs a number, not \"%s\"\n", name, text);
        usage(nullptr);
    }
    return value;
}

Options parseOptions(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc) {
            usage(("missing value for " + name).c_str());
        }
        const char* value = argv[++i];
        if (name == "--listen") {
            if (!splitHostPort(value, options.listenHost, options.listenPort, false)) {
                usage("--listen takes [HOST:]PORT");
            }
        } else if (name == "--to") {
            if (!splitHostPort(value, options.toHost, options.toPort, true)) {
                usage("--to takes HOST:PORT");
            }
        } else if (name == "--loss") {
            options.impairment.lossPercent = number("--loss", value);
        } else if (name == "--burst-loss") {
            options.impairment.burstLossPercent = number("--burst-loss", value);
        } else if (name == "--burst-length") {
            options.impairment.burstLength = number("--burst-length", value);
        } else if (name == "--delay") {
            options.impairment.delayMs = number("--delay", value);
        } else if (name == "--jitter") {
            options.impairment.jitterMs = number("--jitter", value);
        } else if (name == "--seed") {
            options.impairment.seed = std::strtoull(value, nullptr, 10);
        } else if (name == "--stats-interval") {
            options.statsIntervalS = number("--stats-interval", value);
        } else {
            usage(("unknown option " + name).c_str());
        }
    }
    if (options.listenPort.empty() || options.toPort.empty()) {
        usage("--listen and --to are required");
    }
    if (const auto error = confab::test::impairmentConfigError(options.impairment)) {
        usage(error->c_str());
    }
    if (options.statsIntervalS < 0) {
        usage("--stats-interval must be 0 (off) or more seconds");
    }
    return options;
}

addrinfo* resolve(const std::string& host, const std::string& port, bool passive)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = passive ? AI_PASSIVE : 0;
    addrinfo* result = nullptr;
    if (const int error = getaddrinfo(host.c_str(), port.c_str(), &hints, &result); error != 0) {
        std::fprintf(stderr, "confab_udp_impair: cannot resolve %s:%s: %s\n", host.c_str(), port.c_str(),
                     gai_strerror(error));
        std::exit(1);
    }
    return result;
}

int boundSocket(const Options& options)
{
    addrinfo* address = resolve(options.listenHost, options.listenPort, true);
    const int fd = socket(address->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, address->ai_addr, address->ai_addrlen) != 0) {
        std::fprintf(stderr, "confab_udp_impair: cannot listen on %s:%s: %s\n", options.listenHost.c_str(),
                     options.listenPort.c_str(), std::strerror(errno));
        std::exit(1);
    }
    freeaddrinfo(address);
    // Room for bursts while the loop is busy sending.
    const int buffer = 4 * 1024 * 1024;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    return fd;
}

int boundPort(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    if (address.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    }
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

double millisecondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

void printStats(std::FILE* out, const Stats& stats, std::size_t held)
{
    const double mean = stats.forwarded > 0 ? stats.delaySumMs / static_cast<double>(stats.forwarded) : 0;
    std::fprintf(
        out,
        "{\"received\":%llu,\"forwarded\":%llu,\"dropped\":%llu,\"overflow\":%llu,\"reordered\":%llu,"
        "\"pending\":%zu,\"send_errors\":%llu,\"mean_added_delay_ms\":%.3f,\"max_added_delay_ms\":%.3f}\n",
        static_cast<unsigned long long>(stats.received), static_cast<unsigned long long>(stats.forwarded),
        static_cast<unsigned long long>(stats.dropped), static_cast<unsigned long long>(stats.overflow),
        static_cast<unsigned long long>(stats.reordered), held,
        static_cast<unsigned long long>(stats.sendErrors), mean, stats.delayMaxMs);
    std::fflush(out);
}

class Relay {
public:
    Relay(const Options& options, int listenFd, int signalFd)
        : m_options(options), m_model(options.impairment), m_listenFd(listenFd), m_signalFd(signalFd)
    {
        m_destination = resolve(options.toHost, options.toPort, false);
        m_sendFd = socket(m_destination->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (m_sendFd < 0) {
            std::fprintf(stderr, "confab_udp_impair: cannot create a socket: %s\n", std::strerror(errno));
            std::exit(1);
        }
    }
    ~Relay()
    {
        close(m_sendFd);
        freeaddrinfo(m_destination);
    }
    Relay(const Relay&) = delete;
    Relay& operator=(const Relay&) = delete;

    void run()
    {
        const auto statsEvery = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(m_options.statsIntervalS));
        auto nextStats = Clock::now() + statsEvery;
        while (true) {
            auto wake = m_held.empty() ? Clock::time_point::max() : m_held.top().due;
            if (m_options.statsIntervalS > 0) {
                wake = std::min(wake, nextStats);
            }
            pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_signalFd, POLLIN, 0}};
            timespec timeout{};
            timespec* timeoutPointer = nullptr;
            if (wake != Clock::time_point::max()) {
                const auto wait = std::max(Clock::duration::zero(), wake - Clock::now());
                const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
                timeout.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
                timeout.tv_nsec = static_cast<long>(ns % 1'000'000'000);
                timeoutPointer = &timeout;
            }
            if (ppoll(fds, 2, timeoutPointer, nullptr) < 0 && errno != EINTR) {
                std::fprintf(stderr, "confab_udp_impair: poll failed: %s\n", std::strerror(errno));
                std::exit(1);
            }
            if ((fds[1].revents & POLLIN) != 0) {
                return;
            }
            if ((fds[0].revents & POLLIN) != 0) {
                receiveAll();
            }
            sendDue();
            if (m_options.statsIntervalS > 0 && Clock::now() >= nextStats) {
                printStats(stderr, m_stats, m_held.size());
                nextStats += statsEvery;
            }
        }
    }

    [[nodiscard]] const Stats& stats() const { return m_stats; }
    [[nodiscard]] std::size_t held() const { return m_held.size(); }

private:
    void receiveAll()
    {
        std::vector<std::uint8_t> buffer(kMaxDatagramBytes);
        while (true) {
            const ssize_t got = recv(m_listenFd, buffer.data(), buffer.size(), MSG_DONTWAIT);
            if (got < 0) {
                return; // EAGAIN: drained
            }
            const auto now = Clock::now();
            ++m_stats.received;
            const auto decision = m_model.next();
            if (decision.drop) {
                ++m_stats.dropped;
                continue;
            }
            if (m_held.size() >= kMaxHeldDatagrams) {
                ++m_stats.dropped;
                ++m_stats.overflow;
                continue;
            }
            const auto delay = std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double, std::milli>(decision.delayMs));
            m_held.push(Held{now + delay, m_nextSequence++, now,
                             std::vector<std::uint8_t>(buffer.begin(), buffer.begin() + got)});
        }
    }

    void sendDue()
    {
        while (!m_held.empty() && m_held.top().due <= Clock::now()) {
            const Held& held = m_held.top();
            if (sendto(m_sendFd, held.bytes.data(), held.bytes.size(), 0, m_destination->ai_addr,
                       m_destination->ai_addrlen) < 0) {
                ++m_stats.sendErrors;
            }
            const double added = millisecondsBetween(held.received, Clock::now());
            ++m_stats.forwarded;
            m_stats.delaySumMs += added;
            m_stats.delayMaxMs = std::max(m_stats.delayMaxMs, added);
            if (m_anySent && held.sequence < m_highestSent) {
                ++m_stats.reordered;
            }
            m_highestSent = m_anySent ? std::max(m_highestSent, held.sequence) : held.sequence;
            m_anySent = true;
            m_held.pop();
        }
    }

    const Options& m_options;
    ImpairmentModel m_model;
    int m_listenFd;
    int m_signalFd;
    int m_sendFd = -1;
    addrinfo* m_destination = nullptr;
    std::priority_queue<Held, std::vector<Held>, LaterFirst> m_held;
    std::uint64_t m_nextSequence = 0;
    std::uint64_t m_highestSent = 0;
    bool m_anySent = false;
    Stats m_stats;
};

} // namespace

int main(int argc, char** argv)
{
    const Options options = parseOptions(argc, argv);

    // Signals arrive as a readable descriptor, so the loop needs no handler
    // and no global flag.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_BLOCK, &signals, nullptr);
    const int signalFd = signalfd(-1, &signals, SFD_CLOEXEC);
    if (signalFd < 0) {
        std::fprintf(stderr, "confab_udp_impair: signalfd failed: %s\n", std::strerror(errno));
        return 1;
    }
    // Wake-ups within microseconds of the due time, not the default 50 us slack.
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);

    const int listenFd = boundSocket(options);
    Relay relay(options, listenFd, signalFd);
    std::printf("confab_udp_impair ready listen=%d\n", boundPort(listenFd));
    std::fflush(stdout);

    relay.run();
    printStats(stdout, relay.stats(), relay.held());
    close(listenFd);
    close(signalFd);
    return 0;
}
