// Test helper: a loopback TCP proxy that holds back the answers of the first N connections,
// to play an aggregator slower than the kiosk's timeout.
#pragma once

#include <atomic>
#include <thread>
#include <vector>

namespace wardvoice::test {

class DelayProxy {
public:
    DelayProxy(int upstreamPort, int delayedConnections, int delayMs);
    ~DelayProxy();
    int port() const { return m_port; }
    int connections() const { return m_connections.load(); }

private:
    void acceptLoop();
    void serve(int client, bool delay);

    int m_upstream;
    int m_delayMs;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<int> m_connections{0};
    std::atomic<int> m_delayedLeft;
    std::atomic<bool> m_stop{false};
    std::thread m_acceptor;
    std::vector<std::thread> m_workers;
    std::vector<int> m_sockets;
};

} // namespace wardvoice::test
