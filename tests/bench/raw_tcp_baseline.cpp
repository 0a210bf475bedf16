#include "raw_tcp_baseline.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace confab::bench {
namespace {

bool readExactly(int fd, char* buffer, std::size_t size)
{
    std::size_t got = 0;
    while (got < size) {
        const ssize_t n = read(fd, buffer + got, size - got);
        if (n <= 0) {
            return false;
        }
        got += static_cast<std::size_t>(n);
    }
    return true;
}

void setNoDelay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace

std::vector<double> rawTcpRoundTripsUs(int count, int size)
{
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(listener, 1) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        // No baseline without a loopback listener; the caller reports no samples.
        close(listener);
        return {};
    }

    std::thread echo([listener, size] {
        const int fd = accept(listener, nullptr, nullptr);
        setNoDelay(fd);
        std::vector<char> buffer(static_cast<std::size_t>(size));
        while (readExactly(fd, buffer.data(), buffer.size())) {
            if (write(fd, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size())) {
                break;
            }
        }
        close(fd);
    });

    const int client = socket(AF_INET, SOCK_STREAM, 0);
    std::vector<double> samples;
    if (connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        setNoDelay(client);
        std::vector<char> buffer(static_cast<std::size_t>(size), 'x');
        for (int i = 0; i < count; ++i) {
            const auto start = std::chrono::steady_clock::now();
            if (write(client, buffer.data(), buffer.size()) != static_cast<ssize_t>(buffer.size()) ||
                !readExactly(client, buffer.data(), buffer.size())) {
                break;
            }
            samples.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        }
    }
    close(client);
    echo.join();
    close(listener);
    return samples;
}

} // namespace confab::bench
