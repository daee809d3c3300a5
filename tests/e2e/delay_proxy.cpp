// Test helper: a loopback TCP proxy that delays answers.
#include "delay_proxy.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wardvoice::test {
namespace {

std::mutex g_socketsMutex;

int connectTo(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/// Copies from `from` to `to` until either side closes.
void pump(int from, int to, int delayMs) {
    char buf[16384];
    bool first = true;
    for (;;) {
        const ssize_t n = recv(from, buf, sizeof buf, 0);
        if (n <= 0) {
            break;
        }
        if (first && delayMs > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        }
        first = false;
        if (send(to, buf, static_cast<size_t>(n), MSG_NOSIGNAL) != n) {
            break;
        }
    }
    shutdown(to, SHUT_WR);
}

} // namespace

DelayProxy::DelayProxy(int upstreamPort, int delayedConnections, int delayMs)
    : m_upstream(upstreamPort), m_delayMs(delayMs), m_delayedLeft(delayedConnections) {
    m_listen = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(m_listen, 16);
    socklen_t len = sizeof addr;
    getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

DelayProxy::~DelayProxy() {
    m_stop = true;
    m_acceptor.join();
    {
        std::lock_guard lock(g_socketsMutex);
        for (const int fd : m_sockets) {
            shutdown(fd, SHUT_RDWR);
        }
    }
    for (auto& t : m_workers) {
        t.join();
    }
    for (const int fd : m_sockets) {
        close(fd);
    }
    close(m_listen);
}

void DelayProxy::acceptLoop() {
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        const int client = accept(m_listen, nullptr, nullptr);
        if (client < 0) {
            continue;
        }
        ++m_connections;
        const bool delay = m_delayedLeft.fetch_sub(1) > 0;
        m_workers.emplace_back([this, client, delay] { serve(client, delay); });
    }
}

void DelayProxy::serve(int client, bool delay) {
    const int upstream = connectTo(m_upstream);
    {
        std::lock_guard lock(g_socketsMutex);
        m_sockets.push_back(client);
        if (upstream >= 0) {
            m_sockets.push_back(upstream);
        }
    }
    if (upstream < 0) {
        shutdown(client, SHUT_RDWR);
        return;
    }
    std::thread up([client, upstream] { pump(client, upstream, 0); });
    pump(upstream, client, delay ? m_delayMs : 0);
    up.join();
}

} // namespace wardvoice::test
